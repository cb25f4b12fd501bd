package dev.papertrader.core.execution;

import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the simulated exchange sees it now.
 *
 * @param filledQty         cumulative filled quantity
 * @param avgFillPrice      Σ(qty × price) / Σ qty over its fills, 8 decimals HALF_EVEN; null before the first fill
 * @param fees              sum of the fees of its fills
 * @param remainingQty      quantity still to fill (qty − filledQty); null for a notional order
 * @param remainingNotional for a notional order, the budget not yet used (a buy spends qty × price + fee,
 *                          a sell qty × price); null for a quantity order
 * @param eligibleFrom      open time of its first eligible bar; null until that bar has been seen
 * @param triggered         for STOP, STOP_LIMIT and TRAILING_STOP orders, whether the stop has been reached
 * @param trailMark         for a TRAILING_STOP, its water mark after the last bar it saw (high for a sell, low
 *                          for a buy); null before its first eligible bar and for other types
 * @param trailStop         for a TRAILING_STOP, the stop that mark gives for the next bar (before that bar's
 *                          open moves the mark); null when {@code trailMark} is
 */
public record OrderView(Order order, OrderStatus status, BigDecimal filledQty, BigDecimal avgFillPrice,
        BigDecimal fees, BigDecimal remainingQty, BigDecimal remainingNotional, Instant eligibleFrom,
        boolean triggered, BigDecimal trailMark, BigDecimal trailStop) {

    public String id() {
        return order.id();
    }
}
