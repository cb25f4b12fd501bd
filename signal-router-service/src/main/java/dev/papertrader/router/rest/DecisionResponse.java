package dev.papertrader.router.rest;

import dev.papertrader.core.model.SignalType;
import dev.papertrader.router.repository.DecisionRow;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One decision of the router.
 *
 * @param seq       position in the order the router decided
 * @param rule      {@code accepted}, or the rule that rejected the signal (trading-core {@code RouterRules})
 * @param reason    why, in words: the sizing applied, or what the rule found
 * @param orderId   the order created, null when rejected
 * @param qty       the order's quantity, null when rejected or for a notional order
 * @param notional  the order's cash amount for a notional order
 * @param decidedAt event time of the decision: the bar time, or the later slice a late signal was decided at
 * @param barTime   the signal's bar
 * @param price     the signal's reference price
 * @param strength  the signal's strength
 */
@Schema(description = "A routing decision about one signal")
public record DecisionResponse(long seq, String id, String signalId, String accountId, String strategy, String symbol,
        SignalType signalType, boolean accepted, String rule, String reason, String orderId, BigDecimal qty,
        BigDecimal notional, Instant decidedAt, Instant barTime, BigDecimal price, BigDecimal strength) {

    static DecisionResponse of(DecisionRow row) {
        return new DecisionResponse(row.seq(), row.id(), row.signalId(), row.accountId(), row.strategy(), row.symbol(),
                row.signalType(), row.accepted(), row.rule(), row.reason(), row.orderId(), row.qty(), row.notional(),
                row.decidedAt(), row.barTime(), row.price(), row.strength());
    }
}
