package dev.papertrader.router.alpaca;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * An order placed through the Alpaca API (table {@code alpaca_orders}), with Alpaca's vocabulary: lower-case side,
 * type, time in force, order class and status. One row per core order; {@code parentId} links a bracket or OTO leg,
 * and the second order of an OCO pair, to the order whose {@code legs} it is listed in.
 *
 * @param status         Alpaca status: {@code accepted} until the order service confirms, {@code pending_cancel} after
 *                       a DELETE, {@code pending_replace} after a PATCH, then the order service's status
 * @param lastFillQty    quantity of the latest fill, for {@code trade_updates}
 * @param lastFillPrice  price of the latest fill, for {@code trade_updates}
 * @param createdAt      event time the router created it (the last decided slice)
 * @param updatedAt      event time of the latest change
 */
public record AlpacaOrderRow(String id, String accountId, String clientOrderId, String symbol, String side,
        String orderType, String timeInForce, String orderClass, BigDecimal qty, BigDecimal notional,
        BigDecimal limitPrice, BigDecimal stopPrice, BigDecimal trailPrice, BigDecimal trailPercent, String parentId,
        String ocoGroup, String status, BigDecimal filledQty, BigDecimal filledAvgPrice, BigDecimal lastFillQty,
        BigDecimal lastFillPrice, Instant createdAt, Instant updatedAt, Instant filledAt, Instant canceledAt,
        Instant expiredAt, Instant failedAt, Instant replacedAt, String replacedBy, String replaces) {

    /** Statuses after which an order can neither fill nor be cancelled. */
    public static final Set<String> FINAL = Set.of("filled", "canceled", "expired", "rejected", "replaced");

    public boolean isFinal() {
        return FINAL.contains(status);
    }
}
