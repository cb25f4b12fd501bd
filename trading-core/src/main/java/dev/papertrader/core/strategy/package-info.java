/**
 * The strategy layer: the SPI every strategy implements ({@link dev.papertrader.core.strategy.StrategyFactory},
 * {@link dev.papertrader.core.strategy.TradingStrategy}), the adapter that runs a ta4j rule pair bar by bar
 * ({@link dev.papertrader.core.strategy.Ta4jTradingStrategy}), the three seed strategies, their registry, and the
 * indicator table users check signals against.
 *
 * <p>A strategy only suggests: it emits a BUY when its entry rule holds and a SELL when its exit rule holds, whatever
 * position is open. The router decides what a signal means for an account.
 */
package dev.papertrader.core.strategy;
