package dev.papertrader.core.execution;

import dev.papertrader.core.model.NameUuid;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** The mutable progress of one order inside {@link ExecutionSimulator}. */
final class WorkingOrder {

    final Order order;
    /** Decimals of this order's fill quantities: the scale of its qty as sent, or the notional scale. */
    final int quantityScale;
    OrderStatus status;
    BigDecimal filledQty;
    BigDecimal filledValue;
    BigDecimal fees;
    BigDecimal remainingNotional;
    int barsAfterCreation;
    Instant eligibleFrom;
    boolean triggered;
    /** A trailing stop's water mark after the last bar it saw (high for a sell, low for a buy); else null. */
    BigDecimal trailMark;
    /** A contingent leg's release: the later of its createdAt and its parent's fill; null while HELD or no leg. */
    Instant releasedAt;
    int eventCount;
    Instant lastEventTime;

    WorkingOrder(Order order, int notionalQuantityScale) {
        this.order = order;
        this.quantityScale = order.qty() != null ? Math.max(0, order.qty().scale()) : notionalQuantityScale;
        this.status = OrderStatus.NEW;
        this.filledQty = BigDecimal.ZERO;
        this.filledValue = BigDecimal.ZERO;
        this.fees = BigDecimal.ZERO;
        this.remainingNotional = order.notional();
        this.lastEventTime = order.createdAt();
    }

    static WorkingOrder restore(ExecutionState.OrderState state, int notionalQuantityScale) {
        WorkingOrder w = new WorkingOrder(state.order(), notionalQuantityScale);
        w.status = state.status();
        w.filledQty = state.filledQty();
        w.filledValue = state.filledValue();
        w.fees = state.fees();
        w.remainingNotional = state.remainingNotional();
        w.barsAfterCreation = state.barsAfterCreation();
        w.eligibleFrom = state.eligibleFrom();
        w.triggered = state.triggered();
        w.trailMark = state.trailMark();
        w.releasedAt = state.releasedAt();
        w.eventCount = state.eventCount();
        w.lastEventTime = state.lastEventTime();
        return w;
    }

    ExecutionState.OrderState state() {
        return new ExecutionState.OrderState(order, status, filledQty, filledValue, fees, remainingNotional,
                barsAfterCreation, eligibleFrom, triggered, eventCount, lastEventTime, trailMark, releasedAt);
    }

    OrderView view() {
        BigDecimal remainingQty = order.qty() == null ? null : order.qty().subtract(filledQty);
        return new OrderView(order, status, filledQty, avgFillPrice(), fees, remainingQty, remainingNotional,
                eligibleFrom, triggered, trailMark,
                trailMark == null ? null : FillPriceRules.trailingStopPrice(order, trailMark));
    }

    /** Bars of its symbol count for it when they open after this time: its createdAt, or a leg's release. */
    Instant startTime() {
        return releasedAt != null ? releasedAt : order.createdAt();
    }

    /** The key of its one-cancels-other group (account and group), or null. */
    String ocoKey() {
        return order.ocoGroup() == null ? null : order.accountId() + "\u0000" + order.ocoGroup();
    }

    /** Σ(qty × price) / Σ qty, at the price scale, HALF_EVEN; null before the first fill. */
    BigDecimal avgFillPrice() {
        return filledQty.signum() == 0 ? null
                : filledValue.divide(filledQty, SlippageModel.PRICE_SCALE, RoundingMode.HALF_EVEN);
    }

    boolean isFirstFill() {
        return filledQty.signum() == 0;
    }

    void recordFill(BigDecimal qty, BigDecimal price, BigDecimal fee) {
        BigDecimal value = qty.multiply(price);
        filledQty = filledQty.add(qty);
        filledValue = filledValue.add(value);
        fees = fees.add(fee);
        if (remainingNotional != null) {
            // A buy's budget pays the fee too; a sell's notional is the gross value sold.
            remainingNotional = remainingNotional.subtract(order.side() == Side.BUY ? value.add(fee) : value);
        }
    }

    /**
     * Deterministic event id: UUID v3 of {@code orderId|sequence|kind}, the sequence counting this order's
     * events from 0, so a replay of the same orders and bars repeats every id.
     */
    String nextEventId(String kind) {
        return eventId(order.id(), Integer.toString(eventCount++), kind);
    }

    static String eventId(String orderId, String sequence, String kind) {
        String key = orderId + "|" + sequence + "|" + kind;
        return NameUuid.of(key);
    }
}
