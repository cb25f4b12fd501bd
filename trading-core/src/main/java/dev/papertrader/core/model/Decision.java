package dev.papertrader.core.model;

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
 * @param qty       the order's quantity, null when rejected or notional
 * @param decidedAt event time (the signal's bar time)
 */
public record Decision(String id, String signalId, String accountId, String strategy, String symbol,
        SignalType signalType, boolean accepted, String rule, String reason, String orderId, BigDecimal qty,
        BigDecimal notional, Instant decidedAt) {
}
