package dev.papertrader.core.performance;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Statistics of one equity curve and its trades. Ratios are doubles (indicator-style math); money is exact.
 * Each formula is documented on {@link PerformanceCalculator}.
 */
public record PerformanceStats(BigDecimal startingEquity, BigDecimal finalEquity, double totalReturn, double cagr,
        double annualVolatility, double sharpe, double sortino, double calmar, double maxDrawdown,
        Duration maxDrawdownDuration, int maxDrawdownDurationPeriods, double winRate, double profitFactor,
        BigDecimal expectancy, double exposure, int trades, Duration averageHoldingTime) {
}
