package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.positive;
import static dev.papertrader.core.model.Checks.positiveOrNull;
import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A strategy's suggestion, published on {@code trading.signals}. Any process may publish one.
 *
 * @param id        stable id; strategies derive it from (strategy, symbol, barTime, type) so a replay repeats it
 * @param strength  confidence in [0, 1]
 * @param barTime   open time of the closed bar that triggered the signal (event time)
 * @param price     the bar's close, the reference price for sizing
 * @param emittedAt wall-clock time of publication; informational only, never used for decisions
 * @param atr       optional average true range at {@code barTime}, used by ATR risk sizing
 */
public record Signal(String id, String strategy, String symbol, SignalType type, BigDecimal strength,
        Instant barTime, BigDecimal price, Instant emittedAt, BigDecimal atr) {

    public Signal {
        requiredText(id, "id");
        requiredText(strategy, "strategy");
        requiredText(symbol, "symbol");
        required(type, "type");
        required(strength, "strength");
        if (strength.signum() < 0 || strength.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("strength must be within [0, 1], was " + strength.toPlainString());
        }
        required(barTime, "barTime");
        positive(price, "price");
        positiveOrNull(atr, "atr");
    }

    /** The deterministic id a strategy gives the signal it emits for a bar. */
    public static String idFor(String strategy, String symbol, Instant barTime, SignalType type) {
        String key = strategy + "|" + symbol + "|" + barTime + "|" + type;
        return NameUuid.of(key);
    }
}
