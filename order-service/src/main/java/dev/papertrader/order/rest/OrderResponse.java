package dev.papertrader.order.rest;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An order and where it stands.
 *
 * @param source       {@code message} (from trading.orders) or {@code rest} (POST /orders)
 * @param status       NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED, HELD (a contingent leg waiting
 *                     for its parent to fill) or REPLACED (an order that replaces it was accepted)
 * @param filledQty    cumulative filled quantity
 * @param avgFillPrice average fill price; null before the first fill
 * @param fees         sum of the fees of its fills
 * @param reason       why it was rejected, cancelled or expired
 * @param updatedAt    event time of its latest status change
 * @param trailPrice   TRAILING_STOP: the stop trails the best price by this amount; else null
 * @param trailPercent TRAILING_STOP: ... or by this percentage; else null
 * @param parentId     a contingent leg's parent order; null otherwise
 * @param ocoGroup     its one-cancels-other group; null otherwise
 * @param replacesOrderId the order it replaced; null otherwise
 */
@Schema(description = "An order and its execution status")
public record OrderResponse(String id, String signalId, String accountId, String symbol, String side, String type,
        BigDecimal qty, BigDecimal notional, BigDecimal limitPrice, BigDecimal stopPrice, String timeInForce,
        Instant createdAt, String source, String status, BigDecimal filledQty, BigDecimal avgFillPrice,
        BigDecimal fees, String reason, Instant updatedAt, BigDecimal trailPrice, BigDecimal trailPercent,
        String parentId, String ocoGroup, String replacesOrderId) {
}
