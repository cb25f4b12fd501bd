package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.positiveOrNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the signal router decided for one signal. Every signal gets exactly one decision.
 *
 * @param id        stable id derived from the signal id
 * @param accepted  true when an order was created
 * @param reason    for a rejection, the rule that refused it and why (e.g. {@code cooldown: AAPL traded 2 bars ago});
 *                  for an acceptance, the sizing that was applied
 * @param orderId   the order created, null when rejected
 * @param qty       the order's quantity, null when rejected or notional; positive when present (like the order's)
 * @param notional  the order's notional, null when rejected or sized by quantity; positive when present
 * @param decidedAt event time (the signal's bar time)
 */
public record Decision(String id, String signalId, String accountId, String strategy, String symbol,
        SignalType signalType, boolean accepted, String rule, String reason, String orderId, BigDecimal qty,
        BigDecimal notional, Instant decidedAt) {

    /** A zero or negative size is no order's: such a message is refused (and dead-lettered by a consumer). */
    public Decision {
        positiveOrNull(qty, "qty");
        positiveOrNull(notional, "notional");
    }
}
