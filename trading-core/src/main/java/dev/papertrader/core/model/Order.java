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
 * @param signalId  the signal it came from, or null for a manual order
 * @param createdAt event time of creation: the open time of the bar whose signal caused it; the order
 *                  can fill from the next bar on
 */
public record Order(String id, String signalId, String accountId, String symbol, Side side, OrderType type,
        BigDecimal qty, BigDecimal notional, BigDecimal limitPrice, BigDecimal stopPrice, TimeInForce timeInForce,
        Instant createdAt) {

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
    }

    /** A market order for a fixed quantity, good till cancelled. */
    public static Order market(String id, String signalId, String accountId, String symbol, Side side, BigDecimal qty,
            Instant createdAt) {
        return new Order(id, signalId, accountId, symbol, side, OrderType.MARKET, qty, null, null, null,
                TimeInForce.GTC, createdAt);
    }
}
