package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.nonNegative;
import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order's change of status, published on {@code trading.fills} beside the fills.
 *
 * @param filledQty    cumulative filled quantity
 * @param avgFillPrice average price of what has filled, null when nothing has
 * @param reason       why it was rejected, cancelled or expired; null otherwise
 * @param eventTime    event time of the change
 */
public record OrderStatusEvent(String id, String orderId, String accountId, String symbol, OrderStatus status,
        BigDecimal filledQty, BigDecimal avgFillPrice, String reason, Instant eventTime) implements ExecutionEvent {

    public OrderStatusEvent {
        requiredText(id, "id");
        requiredText(orderId, "orderId");
        requiredText(accountId, "accountId");
        requiredText(symbol, "symbol");
        required(status, "status");
        nonNegative(filledQty, "filledQty");
        required(eventTime, "eventTime");
    }
}
