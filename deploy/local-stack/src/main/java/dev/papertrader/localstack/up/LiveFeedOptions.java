package dev.papertrader.localstack.up;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code up --feed binance --symbols BTCUSDT,ETHUSDT --interval 1m}: the monitor watches Binance's live kline streams
 * instead of replaying the reference data (docs/market-data.md). The other services keep the reference run's
 * configuration.
 */
final class LiveFeedOptions {

    private LiveFeedOptions() {
    }

    /**
     * The service properties with the monitor's feed replaced as {@code feed} says.
     *
     * @param feed     {@code replay} (the reference run, unchanged) or {@code binance}
     * @param symbols  Binance symbols, comma-separated
     * @param interval Binance kline interval, e.g. {@code 1m}
     * @throws IllegalArgumentException for another feed or no symbol
     */
    static Map<String, Map<String, String>> apply(Map<String, Map<String, String>> properties, String feed,
            String symbols, String interval) {
        String chosen = feed == null ? "replay" : feed.strip().toLowerCase(Locale.ROOT);
        if (chosen.equals("replay")) {
            return properties;
        }
        if (!chosen.equals("binance")) {
            throw new IllegalArgumentException("--feed must be replay or binance, was '" + feed + "'");
        }
        if (symbols == null || symbols.isBlank()) {
            throw new IllegalArgumentException("--feed binance needs --symbols, e.g. BTCUSDT");
        }
        Map<String, Map<String, String>> changed = new LinkedHashMap<>(properties);
        Map<String, String> monitor = new LinkedHashMap<>(properties.getOrDefault("monitor", Map.of()));
        monitor.put("papertrader.monitor.feed.type", "binance");
        monitor.put("papertrader.monitor.binance.symbols", symbols.strip().toUpperCase(Locale.ROOT));
        monitor.put("papertrader.monitor.binance.interval", interval.strip());
        changed.put("monitor", monitor);
        return changed;
    }
}
