package dev.papertrader.order.rest;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An order and where it stands.
 *
 * @param source       {@code message} (from trading.orders) or {@code rest} (POST /orders)
 * @param status       NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED or REJECTED
 * @param filledQty    cumulative filled quantity
 * @param avgFillPrice average fill price; null before the first fill
 * @param fees         sum of the fees of its fills
 * @param reason       why it was rejected, cancelled or expired
 * @param updatedAt    event time of its latest status change
 */
@Schema(description = "An order and its execution status")
public record OrderResponse(String id, String signalId, String accountId, String symbol, String side, String type,
        BigDecimal qty, BigDecimal notional, BigDecimal limitPrice, BigDecimal stopPrice, String timeInForce,
        Instant createdAt, String source, String status, BigDecimal filledQty, BigDecimal avgFillPrice,
        BigDecimal fees, String reason, Instant updatedAt) {
}
