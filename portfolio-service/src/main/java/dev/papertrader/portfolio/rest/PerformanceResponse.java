package dev.papertrader.portfolio.rest;

import dev.papertrader.core.performance.PerformanceStats;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An account's performance statistics (trading-core {@code PerformanceCalculator}) over its whole equity curve and
 * closed trades, from its starting cash.
 *
 * @param periodsPerYear equity-curve periods in a year used to annualise
 * @param riskFreeRate   annual risk-free rate used (a fraction)
 * @param points         equity points of the curve
 */
@Schema(description = "Performance statistics of an account")
public record PerformanceResponse(String accountId, double periodsPerYear, double riskFreeRate, int points,
        PerformanceStats stats) {
}
