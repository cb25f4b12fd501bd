package dev.papertrader.core.strategy;

import java.time.Instant;

/**
 * The indicator values at one bar, as the seed strategies see them; a value is null while its indicator warms up.
 * Definitions in {@link IndicatorTable}.
 *
 * @param time open time of the bar
 */
public record IndicatorRow(Instant time, Double rsi14, Double macd, Double macdSignal, Double macdHist, Double tsi,
        Double tsiSignal) {
}
