package dev.papertrader.core.execution;

import static dev.papertrader.core.model.Checks.nonNegative;
import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything an {@link ExecutionSimulator} knows, as plain data a service can persist (it encodes with
 * {@link dev.papertrader.core.json.JsonCodec}) and hand to {@link ExecutionSimulator#restore}.
 *
 * @param orders every order the simulator remembers, in submission order: all it was given, final ones included
 *               (they answer duplicate-id checks), until {@link ExecutionSimulator#forgetFinalOrders()} drops the
 *               final ones
 * @param bars   the recent bars of each symbol, oldest first
 */
public record ExecutionState(List<OrderState> orders, List<SymbolBars> bars) {

    public ExecutionState {
        orders = List.copyOf(orders);
        bars = List.copyOf(bars);
    }

    /**
     * One order's progress.
     *
     * @param filledValue       Σ qty × price of its fills
     * @param remainingNotional budget left of a notional order; null for a quantity order
     * @param barsAfterCreation bars of its symbol counted after {@code createdAt}, up to the latency
     * @param eventCount        events emitted for it so far (the sequence number in event ids)
     * @param lastEventTime     event time of its latest event
     * @param trailMark         a TRAILING_STOP's water mark after the last bar it saw (high for a sell, low for a
     *                          buy); null otherwise and in states written before trailing stops
     * @param releasedAt        a contingent leg's release time (the later of its createdAt and its parent's
     *                          fill); null while HELD, for other orders and in states written before legs
     */
    public record OrderState(Order order, OrderStatus status, BigDecimal filledQty, BigDecimal filledValue,
            BigDecimal fees, BigDecimal remainingNotional, int barsAfterCreation, Instant eligibleFrom,
            boolean triggered, int eventCount, Instant lastEventTime, BigDecimal trailMark, Instant releasedAt) {

        public OrderState {
            required(order, "order");
            required(status, "status");
            nonNegative(filledQty, "filledQty");
            nonNegative(filledValue, "filledValue");
            nonNegative(fees, "fees");
            if ((order.notional() != null) != (remainingNotional != null)) {
                throw new IllegalArgumentException("remainingNotional must be set exactly for notional orders");
            }
            required(lastEventTime, "lastEventTime");
        }
    }

    /**
     * @param bars            the symbol's most recent bars, oldest first, strictly increasing open times
     * @param evictedThrough  open time of the newest bar dropped from the history; null when none was dropped
     */
    public record SymbolBars(String symbol, List<Bar> bars, Instant evictedThrough) {
        public SymbolBars {
            requiredText(symbol, "symbol");
            bars = List.copyOf(bars);
        }
    }
}
