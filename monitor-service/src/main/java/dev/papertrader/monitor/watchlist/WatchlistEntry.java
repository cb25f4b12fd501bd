package dev.papertrader.monitor.watchlist;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of the watchlist: run {@code strategy} with {@code parameters} on the {@code timeframe} bars of
 * {@code symbol}. Entries run in id order (the order they were added), which fixes the order of the signals of a
 * slice.
 *
 * @param parameters the parameters given (strings, as the strategy registry takes them); missing ones take the
 *                   strategy's defaults
 */
public record WatchlistEntry(long id, String symbol, String timeframe, String strategy, Map<String, String> parameters,
        boolean enabled) {

    public WatchlistEntry {
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(parameters));
    }
}
