package dev.papertrader.order.engine;

import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.execution.ExecutionSimulator;
import dev.papertrader.core.execution.OrderView;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order service's state machine: the simulated exchange ({@link ExecutionSimulator}) driven slice by slice under
 * the watermark protocol of docs/contracts.md, with no I/O.
 *
 * <ul>
 *   <li>Orders are submitted when they arrive; an order whose bars have already been processed is caught up
 *       against the kept bars (the simulator's rule), so its fills are the ones it would have had in time.</li>
 *   <li>Slice <i>t</i> may be processed ({@link #mayProcess}) when it is after the last processed slice and the
 *       router has closed that last slice (or no slice was processed yet): then every order that can fill on
 *       <i>t</i> has arrived.</li>
 *   <li>A slice's bars go to the exchange in symbol order (the fills of one symbol never depend on another's
 *       bars, so the order only fixes the order of the events).</li>
 * </ul>
 *
 * Not thread-safe: the service drives it from its serial executor.
 */
public final class OrderEngine {

    private final ExecutionSimulator simulator;
    private Instant lastSlice;
    private Instant routerClosedThrough;

    public OrderEngine(ExecutionConfig config) {
        this(new ExecutionSimulator(config), null, null);
    }

    private OrderEngine(ExecutionSimulator simulator, Instant lastSlice, Instant routerClosedThrough) {
        this.simulator = simulator;
        this.lastSlice = lastSlice;
        this.routerClosedThrough = routerClosedThrough;
    }

    /** An engine that continues exactly from {@code state}. */
    public static OrderEngine restore(ExecutionConfig config, OrderEngineState state) {
        return new OrderEngine(ExecutionSimulator.restore(config, state.execution()), state.lastSlice(),
                state.routerClosedThrough());
    }

    public OrderEngineState state() {
        return new OrderEngineState(simulator.state(), lastSlice, routerClosedThrough);
    }

    /** Open time of the last processed slice, empty before the first. */
    public Optional<Instant> lastSlice() {
        return Optional.ofNullable(lastSlice);
    }

    /** The latest slice the router has closed, empty before its first slice-end. */
    public Optional<Instant> routerClosedThrough() {
        return Optional.ofNullable(routerClosedThrough);
    }

    /**
     * Forgets the final orders ({@link ExecutionSimulator#forgetFinalOrders()}): from then on they are unknown to
     * {@link #order} and {@link #submit}, and {@link #state()} no longer holds them.
     */
    public int forgetFinalOrders() {
        return simulator.forgetFinalOrders();
    }

    /** The order as the exchange sees it now, if it is open or has not been forgotten since it became final. */
    public Optional<OrderView> order(String orderId) {
        return simulator.order(orderId);
    }

    /**
     * Submits an order: NEW (or REJECTED), then the fills of bars it missed. An id must be submitted only once (the
     * caller checks ids of forgotten orders).
     *
     * <p>An order for a symbol that has had no bar yet is REJECTED ("unknown symbol"): it is well formed, so it is
     * not a dead letter, but no exchange fills an instrument it has no market for, and a REJECTED status closes it
     * for the router and the portfolio. The rule is deterministic under the watermark protocol: the orders of slice
     * <i>t</i> are created after the order service processed the bars of <i>t</i> (a manual order is created at the
     * last processed slice), so whether the symbol had a bar does not depend on timing.
     */
    public List<ExecutionEvent> submit(Order order) {
        if (simulator.order(order.id()).isPresent()) {
            throw new IllegalArgumentException("order " + order.id() + " was already submitted");
        }
        if (!simulator.hasMarketData(order.symbol())) {
            return simulator.reject(order, "unknown symbol " + order.symbol()
                    + ": no market data has been received for it");
        }
        return simulator.submit(order);
    }

    /**
     * Cancels an open order at event time {@code max(last slice, the order's last event)}; no event when the order is
     * unknown or final.
     */
    public List<ExecutionEvent> cancel(String orderId, String reason) {
        Instant time = lastSlice != null ? lastSlice
                : simulator.order(orderId).map(view -> view.order().createdAt()).orElse(Instant.EPOCH);
        return simulator.cancel(orderId, time, reason);
    }

    /**
     * Cancels an open order at event time {@code max(last slice, requestedAt, the order's last event)}; no event when
     * the order is unknown or final. For a cancel request sent on {@code trading.orders}.
     */
    public List<ExecutionEvent> cancel(String orderId, String reason, Instant requestedAt) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        Instant time = lastSlice != null && lastSlice.isAfter(requestedAt) ? lastSlice : requestedAt;
        return simulator.cancel(orderId, time, reason);
    }

    /** Records the router's {@code slice-end(time)}; an older one than already seen changes nothing. */
    public void routerClosed(Instant time) {
        Objects.requireNonNull(time, "time");
        if (routerClosedThrough == null || time.isAfter(routerClosedThrough)) {
            routerClosedThrough = time;
        }
    }

    /** Whether slice {@code time} is processed already (it is at or before the last processed slice). */
    public boolean isPast(Instant time) {
        return lastSlice != null && !time.isAfter(lastSlice);
    }

    /**
     * Whether a slice whose monitor watermark names {@code previous} as the slice before it may go: {@code previous}
     * is processed already, or is not named, or nothing was processed yet. A slice given back after a failed
     * transaction (its messages come again) is then never overtaken by the next one, not even after a restart.
     */
    public boolean follows(Instant previous) {
        return previous == null || lastSlice == null || !previous.isAfter(lastSlice);
    }

    /**
     * Whether slice {@code time} may be processed now: it is after the last processed slice, and the router has
     * closed that slice (or none was processed yet).
     */
    public boolean mayProcess(Instant time) {
        if (isPast(time)) {
            return false;
        }
        return lastSlice == null || (routerClosedThrough != null && !routerClosedThrough.isBefore(lastSlice));
    }

    /**
     * Processes slice {@code time}: its bars, by symbol, through the exchange. Returns the events in that order.
     *
     * @throws IllegalStateException when the slice may not be processed yet ({@link #mayProcess})
     * @throws IllegalArgumentException when a bar's open time is not {@code time}
     */
    public List<ExecutionEvent> processSlice(Instant time, Collection<Bar> bars) {
        if (!mayProcess(time)) {
            throw new IllegalStateException("slice " + time + " may not be processed: last slice " + lastSlice
                    + ", router closed through " + routerClosedThrough);
        }
        List<Bar> ordered = new ArrayList<>(bars);
        ordered.sort(Comparator.comparing(Bar::symbol).thenComparing(Bar::timeframe));
        List<ExecutionEvent> events = new ArrayList<>();
        for (Bar bar : ordered) {
            if (!bar.openTime().equals(time)) {
                throw new IllegalArgumentException("bar " + bar.id() + " is not in slice " + time);
            }
            events.addAll(simulator.onBar(bar));
        }
        lastSlice = time;
        return events;
    }
}
