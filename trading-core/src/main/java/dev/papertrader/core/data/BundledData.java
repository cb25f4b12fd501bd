package dev.papertrader.core.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Real market data shipped on the classpath by {@code org.ta4j:ta4j-examples:0.18} (files at the jar root), loaded
 * by name.
 * <table>
 * <caption>Data sets</caption>
 * <tr><th>name</th><th>symbol</th><th>timeframe</th><th>periods/year</th><th>source</th></tr>
 * <tr><td>{@code aapl-2013}</td><td>AAPL</td><td>1d</td><td>252</td>
 *     <td>{@code appleinc_bars_from_20130101_usd.csv}: 252 daily bars of 2013</td></tr>
 * <tr><td>{@code btc-bitstamp-2013-1m}</td><td>BTCUSD</td><td>1m</td><td>525,600 (365 × 1,440)</td>
 *     <td>{@code bitstamp_trades_from_20131125_usd.csv}: 100,000 Bitstamp trades, 2013-11-25 to 2013-12-01,
 *     aggregated by {@link TradeAggregator}</td></tr>
 * <tr><td>{@code btc-bitstamp-2013-5m}</td><td>BTCUSD</td><td>5m</td><td>105,120 (365 × 288)</td>
 *     <td>the same trades in 5-minute bars</td></tr>
 * <tr><td>{@code eth-2023-5m}</td><td>ETHUSD</td><td>5m</td><td>105,120</td>
 *     <td>{@code ETH-USD-PT5M-2023-3-13_2023-3-15.json}: 580 Binance.US bars; each entry's {@code endTime} is the
 *     last millisecond of the bar, so open time = endTime + 1 ms − 5 min</td></tr>
 * </table>
 * Loaded data sets are cached (they are immutable), so repeated loads in one JVM parse each file once.
 */
public final class BundledData {

    private static final String AAPL_FILE = "appleinc_bars_from_20130101_usd.csv";
    private static final String BITSTAMP_FILE = "bitstamp_trades_from_20131125_usd.csv";
    private static final String ETH_FILE = "ETH-USD-PT5M-2023-3-13_2023-3-15.json";
    private static final double MINUTES_PER_YEAR = 365 * 1440;
    private static final double FIVE_MINUTES_PER_YEAR = 365 * 288;

    private static final Map<String, Supplier<Dataset>> LOADERS = new LinkedHashMap<>();
    private static final Map<String, Dataset> CACHE = new ConcurrentHashMap<>();

    static {
        LOADERS.put("aapl-2013", () -> new Dataset("aapl-2013", "AAPL", "1d", 252,
                readCsvBars(AAPL_FILE, "AAPL", "1d"),
                "Apple Inc. daily bars of 2013 in USD (ta4j-examples " + AAPL_FILE + ")"));
        LOADERS.put("btc-bitstamp-2013-1m", () -> bitstamp("btc-bitstamp-2013-1m", Duration.ofMinutes(1),
                MINUTES_PER_YEAR));
        LOADERS.put("btc-bitstamp-2013-5m", () -> bitstamp("btc-bitstamp-2013-5m", Duration.ofMinutes(5),
                FIVE_MINUTES_PER_YEAR));
        LOADERS.put("eth-2023-5m", () -> new Dataset("eth-2023-5m", "ETHUSD", "5m", FIVE_MINUTES_PER_YEAR,
                readEthJson(), "ETH/USD 5-minute bars from Binance.US, 2023-03-13 to 2023-03-15 (ta4j-examples "
                        + ETH_FILE + ")"));
    }

    private BundledData() {
    }

    /** Names of the bundled data sets, in a stable order. */
    public static List<String> names() {
        return List.copyOf(LOADERS.keySet());
    }

    /** Loads a bundled data set by name; an unknown name fails listing the known ones. */
    public static Dataset load(String name) {
        Supplier<Dataset> loader = LOADERS.get(name);
        if (loader == null) {
            throw new IllegalArgumentException("unknown data set '" + name + "'; bundled: " + String.join(", ",
                    LOADERS.keySet()));
        }
        return CACHE.computeIfAbsent(name, ignored -> loader.get());
    }

    /**
     * The bars of several data sets as one stream in event-time order, as a multi-symbol feed would deliver them:
     * sorted by open time, and bars with equal open times in the order the names are given.
     */
    public static List<Bar> loadAll(String... names) {
        List<Bar> merged = new ArrayList<>();
        for (String name : names) {
            merged.addAll(load(name).bars());
        }
        merged.sort(Comparator.comparing(Bar::openTime));
        return List.copyOf(merged);
    }

    private static Dataset bitstamp(String name, Duration timeframe, double periodsPerYear) {
        List<Trade> trades;
        try (Reader reader = resourceReader(BITSTAMP_FILE)) {
            trades = CsvTrades.read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BITSTAMP_FILE, e);
        }
        List<Bar> bars = TradeAggregator.aggregate(trades, "BTCUSD", timeframe);
        return new Dataset(name, "BTCUSD", Timeframes.label(timeframe), periodsPerYear, bars,
                "BTC/USD " + Timeframes.label(timeframe) + " bars aggregated from " + trades.size()
                        + " Bitstamp trades, 2013-11-25 to 2013-12-01 (ta4j-examples " + BITSTAMP_FILE + ")");
    }

    private static List<Bar> readCsvBars(String file, String symbol, String timeframe) {
        try (Reader reader = resourceReader(file)) {
            return CsvBars.read(reader, symbol, timeframe);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    /** Bars of the ETH file; Jackson reads each price straight into a BigDecimal (never through a double). */
    private static List<Bar> readEthJson() {
        ObjectMapper mapper = JsonCodec.mapper();
        OhlcFile file;
        try (InputStream in = resource(ETH_FILE)) {
            file = mapper.readValue(in, OhlcFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ETH_FILE, e);
        }
        Duration fiveMinutes = Duration.ofMinutes(5);
        List<Bar> bars = new ArrayList<>(file.ohlc().size());
        for (OhlcEntry entry : file.ohlc()) {
            Instant openTime = Instant.ofEpochMilli(entry.endTime() + 1).minus(fiveMinutes);
            bars.add(new Bar("ETHUSD", "5m", openTime, entry.openPrice(), entry.highPrice(), entry.lowPrice(),
                    entry.closePrice(), entry.volume()));
        }
        bars.sort(Comparator.comparing(Bar::openTime));
        return bars;
    }

    private static Reader resourceReader(String file) {
        return new InputStreamReader(resource(file), StandardCharsets.UTF_8);
    }

    private static InputStream resource(String file) {
        InputStream in = BundledData.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException(file + " is not on the classpath (it ships in org.ta4j:ta4j-examples)");
        }
        return in;
    }

    /** The ta4j-examples JSON layout: {@code {"name": ..., "ohlc": [entry, ...]}}. */
    record OhlcFile(String name, List<OhlcEntry> ohlc) {
    }

    /** One bar as ta4j-examples stores it; {@code endTime} is epoch milliseconds of the bar's last millisecond. */
    record OhlcEntry(long endTime, BigDecimal openPrice, BigDecimal highPrice, BigDecimal lowPrice,
            BigDecimal closePrice, BigDecimal volume) {
    }
}
