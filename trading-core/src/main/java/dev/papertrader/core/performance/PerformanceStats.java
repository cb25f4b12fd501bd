package dev.papertrader.core.performance;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Statistics of one equity curve and its trades. Ratios are doubles (indicator-style math); money is exact.
 * Each formula and edge case is documented on {@link PerformanceCalculator}: every figure is finite (0 where a
 * denominator is zero) except {@code profitFactor}, which is +∞ when there are wins and no losses.
 *
 * @param totalReturn                 fraction: 0.1 = +10 %
 * @param maxDrawdown                 fraction of the running peak: 0.1 = 10 % below it
 * @param maxDrawdownDuration         time of the longest drawdown, from its peak to its recovery (or the end)
 * @param maxDrawdownDurationPeriods  equity-curve periods of that same drawdown
 * @param expectancy                  mean pnl per closed trade, account currency
 * @param exposure                    fraction of equity points with an open position
 * @param trades                      closed trades
 */
public record PerformanceStats(BigDecimal startingEquity, BigDecimal finalEquity, double totalReturn, double cagr,
        double annualVolatility, double sharpe, double sortino, double calmar, double maxDrawdown,
        Duration maxDrawdownDuration, int maxDrawdownDurationPeriods, double winRate, double profitFactor,
        BigDecimal expectancy, double exposure, int trades, Duration averageHoldingTime) {
}
