/**
 * The simulated exchange: {@link dev.papertrader.core.execution.ExecutionSimulator} fills
 * {@link dev.papertrader.core.model.Order}s against {@link dev.papertrader.core.model.Bar}s in event time,
 * with the latency, volume cap, slippage and fees of an {@link dev.papertrader.core.execution.ExecutionConfig}.
 * The order service and the backtest engine share it, so a live replay reproduces a backtest.
 */
package dev.papertrader.core.execution;
