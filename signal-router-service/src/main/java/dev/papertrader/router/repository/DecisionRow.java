package dev.papertrader.router.repository;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stored decision (table {@code decisions}): the router's {@link Decision} and the signal it was about.
 *
 * @param seq       position in the order the router decided
 * @param decidedAt event time of the decision: the signal's bar time, or the later slice a late signal was decided at
 * @param barTime   the signal's bar time
 * @param price     the signal's reference price
 * @param strength  the signal's strength
 * @param manual    true for a manual (Alpaca API) order's decision, which the router does not remember as a signal
 */
public record DecisionRow(long seq, String id, String signalId, String accountId, String strategy, String symbol,
        SignalType signalType, boolean accepted, String rule, String reason, String orderId, BigDecimal qty,
        BigDecimal notional, Instant decidedAt, Instant barTime, BigDecimal price, BigDecimal strength,
        boolean manual) {

    /**
     * A decision about a manual (Alpaca API) order: bar time = decision time, price = the reference price it was
     * checked at, strength 1.
     */
    public static DecisionRow manual(Decision decision, BigDecimal referencePrice) {
        return new DecisionRow(0, decision.id(), decision.signalId(), decision.accountId(), decision.strategy(),
                decision.symbol(), decision.signalType(), decision.accepted(), decision.rule(), decision.reason(),
                decision.orderId(), decision.qty(), decision.notional(), decision.decidedAt(), decision.decidedAt(),
                referencePrice, BigDecimal.ONE, true);
    }

    /** A decision about {@code signal}, to insert (its seq is assigned by the database). */
    public static DecisionRow of(Decision decision, Signal signal) {
        return new DecisionRow(0, decision.id(), decision.signalId(), decision.accountId(), decision.strategy(),
                decision.symbol(), decision.signalType(), decision.accepted(), decision.rule(), decision.reason(),
                decision.orderId(), decision.qty(), decision.notional(), decision.decidedAt(), signal.barTime(),
                signal.price(), signal.strength(), false);
    }
}
