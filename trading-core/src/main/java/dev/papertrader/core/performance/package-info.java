/**
 * Performance statistics of an equity curve and its closed trades:
 * {@link dev.papertrader.core.performance.PerformanceCalculator} computes
 * {@link dev.papertrader.core.performance.PerformanceStats}; the formulas are on the calculator.
 */
package dev.papertrader.core.performance;
