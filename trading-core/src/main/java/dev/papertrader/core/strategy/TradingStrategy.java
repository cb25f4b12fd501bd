package dev.papertrader.core.strategy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import java.util.List;

/** One running instance per (strategy, symbol); stateful, single-threaded. */
public interface TradingStrategy {

    /** The strategy's registry name, e.g. {@code macd-crossover}; it is the {@code strategy} of every signal. */
    String name();

    /** The one symbol this instance follows. */
    String symbol();

    /** Bars needed before the first signal can be emitted (the ta4j strategy's unstable bars). */
    int warmupBars();

    /**
     * Feeds the next closed bar (strictly increasing openTime; an older or equal bar is ignored) and returns the
     * signals it triggers (usually empty).
     *
     * @throws IllegalArgumentException if the bar is for another symbol or another timeframe than the earlier bars
     */
    List<Signal> onBar(Bar bar);
}
