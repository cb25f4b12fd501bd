package dev.papertrader.order.repository;

import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as stored in {@code orders}: the order, where it came from, and its status after its latest event.
 *
 * @param source    {@code message} (trading.orders) or {@code rest} (POST /orders); kept from the first write
 * @param updatedAt event time of its latest status change
 */
public record OrderRow(Order order, String source, OrderStatus status, BigDecimal filledQty, BigDecimal avgFillPrice,
        BigDecimal fees, String reason, Instant updatedAt) {

    public static final String FROM_MESSAGE = "message";
    public static final String FROM_REST = "rest";
}
