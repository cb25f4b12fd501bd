package dev.papertrader.core.performance;

import java.math.BigDecimal;

/**
 * @param periodsPerYear equity-curve periods in a year: 252 for daily stock bars, 365 for daily crypto bars,
 *                       365 × 288 for five-minute crypto bars
 * @param riskFreeRate   annual risk-free rate as a fraction (0.02 = 2 %)
 */
public record PerformanceParameters(double periodsPerYear, double riskFreeRate) {
    public static final PerformanceParameters DAILY_STOCKS = new PerformanceParameters(252, 0);
}
