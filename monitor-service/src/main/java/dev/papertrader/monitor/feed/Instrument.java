package dev.papertrader.monitor.feed;

import dev.papertrader.core.data.Timeframes;

/**
 * A symbol at one timeframe, as a feed produces it.
 *
 * @param timeframe normalized to its shorthand label ({@code P1D} and {@code 24h} become {@code 1d})
 */
public record Instrument(String symbol, String timeframe) {

    public Instrument {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is required");
        }
        timeframe = normalizeTimeframe(timeframe);
    }

    /**
     * The shorthand label of a timeframe ({@link Timeframes#label}), so that equal durations compare equal as text.
     *
     * @throws IllegalArgumentException when {@code timeframe} is not a positive duration
     */
    public static String normalizeTimeframe(String timeframe) {
        return Timeframes.label(Timeframes.parse(timeframe));
    }
}
