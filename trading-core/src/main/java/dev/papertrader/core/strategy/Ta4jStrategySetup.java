package dev.papertrader.core.strategy;

import dev.papertrader.core.model.SignalType;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.Indicator;
import org.ta4j.core.Strategy;

/**
 * A ta4j strategy as {@link Ta4jTradingStrategy} runs it.
 *
 * @param strategy   entry rule → BUY, exit rule → SELL; its unstable bars are the warm-up
 * @param indicators every indicator the rules read, computed at each new bar before the rules are evaluated. ta4j
 *                   computes lazily and composite rules short-circuit, so without this an indicator could go
 *                   uncomputed for many bars and then be computed from a series whose oldest bars were already
 *                   dropped, giving other values than an unbounded series
 * @param strength   the strength of a signal of the given type at the given index
 */
public record Ta4jStrategySetup(Strategy strategy, List<Indicator<?>> indicators, SignalStrength strength) {

    public Ta4jStrategySetup {
        Objects.requireNonNull(strategy, "strategy is required");
        indicators = List.copyOf(indicators);
        Objects.requireNonNull(strength, "strength is required");
    }

    /** How strong a signal is, in [0, 1]; values outside are clamped and NaN counts as 0. */
    @FunctionalInterface
    public interface SignalStrength {
        double at(int index, SignalType type);
    }
}
