package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.positiveOrNull;
import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order to the simulated exchange, published on {@code trading.orders}.
 * Exactly one of {@code qty} and {@code notional} is set: a notional order (cash amount) gets its
 * quantity at fill time, from the fill price, so "all-in" buys exactly what the cash affords.
 *
 * <p>The last five fields are optional and serve manual (Alpaca API) orders: trailing stops, contingent legs
 * (bracket, OTO, OCO) and replacement. Strategy orders leave them null.
 *
 * @param signalId        the signal it came from, or null for a manual order
 * @param createdAt       event time of creation: the open time of the bar whose signal caused it; the order
 *                        can fill from the next bar on
 * @param trailPrice      TRAILING_STOP only: the stop trails the best price since activation by this amount
 * @param trailPercent    TRAILING_STOP only: ... or by this percentage of it (exactly one of the two is set)
 * @param parentId        a contingent leg: the order is HELD, not working, until order {@code parentId} is FILLED
 * @param ocoGroup        one-cancels-other: the first fill of an order in the group cancels the group's others
 * @param replacesOrderId this order replaces that one: it is accepted only if that order is still open, which
 *                        is then REPLACED; otherwise this one is REJECTED
 */
public record Order(String id, String signalId, String accountId, String symbol, Side side, OrderType type,
        BigDecimal qty, BigDecimal notional, BigDecimal limitPrice, BigDecimal stopPrice, TimeInForce timeInForce,
        Instant createdAt, BigDecimal trailPrice, BigDecimal trailPercent, String parentId, String ocoGroup,
        String replacesOrderId) {

    public Order {
        requiredText(id, "id");
        requiredText(accountId, "accountId");
        requiredText(symbol, "symbol");
        required(side, "side");
        required(type, "type");
        required(timeInForce, "timeInForce");
        required(createdAt, "createdAt");
        positiveOrNull(qty, "qty");
        positiveOrNull(notional, "notional");
        if ((qty == null) == (notional == null)) {
            throw new IllegalArgumentException("exactly one of qty and notional must be set");
        }
        positiveOrNull(limitPrice, "limitPrice");
        positiveOrNull(stopPrice, "stopPrice");
        boolean needsLimit = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
        boolean needsStop = type == OrderType.STOP || type == OrderType.STOP_LIMIT;
        if (needsLimit != (limitPrice != null)) {
            throw new IllegalArgumentException(needsLimit ? "limitPrice is required for " + type
                    : "limitPrice is not allowed for " + type);
        }
        if (needsStop != (stopPrice != null)) {
            throw new IllegalArgumentException(needsStop ? "stopPrice is required for " + type
                    : "stopPrice is not allowed for " + type);
        }
        positiveOrNull(trailPrice, "trailPrice");
        positiveOrNull(trailPercent, "trailPercent");
        boolean trailing = type == OrderType.TRAILING_STOP;
        if (trailing && (trailPrice == null) == (trailPercent == null)) {
            throw new IllegalArgumentException("exactly one of trailPrice and trailPercent is required for " + type);
        }
        if (!trailing && (trailPrice != null || trailPercent != null)) {
            throw new IllegalArgumentException("trailPrice and trailPercent are only allowed for TRAILING_STOP");
        }
        if (parentId != null && (parentId.isBlank() || parentId.equals(id))) {
            throw new IllegalArgumentException("parentId must name another order");
        }
        if (replacesOrderId != null && (replacesOrderId.isBlank() || replacesOrderId.equals(id))) {
            throw new IllegalArgumentException("replacesOrderId must name another order");
        }
        if (ocoGroup != null && ocoGroup.isBlank()) {
            throw new IllegalArgumentException("ocoGroup must not be blank");
        }
    }

    /** A simple order: no trailing stop, no contingency, no replacement. */
    public Order(String id, String signalId, String accountId, String symbol, Side side, OrderType type,
            BigDecimal qty, BigDecimal notional, BigDecimal limitPrice, BigDecimal stopPrice,
            TimeInForce timeInForce, Instant createdAt) {
        this(id, signalId, accountId, symbol, side, type, qty, notional, limitPrice, stopPrice, timeInForce,
                createdAt, null, null, null, null, null);
    }

    /** A market order for a fixed quantity, good till cancelled. */
    public static Order market(String id, String signalId, String accountId, String symbol, Side side, BigDecimal qty,
            Instant createdAt) {
        return new Order(id, signalId, accountId, symbol, side, OrderType.MARKET, qty, null, null, null,
                TimeInForce.GTC, createdAt);
    }
}
