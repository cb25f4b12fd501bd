package dev.papertrader.portfolio.engine;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.SliceEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the portfolio has received and not processed yet, each message with a handle {@code H} (the unacknowledged
 * message) to settle when its slice is committed: the monitor's bars and watermarks ({@code market.bars}) by slice,
 * the order service's fills and order status events ({@code trading.fills}) in arrival order, and the order
 * service's watermarks by slice.
 *
 * <p><b>The next slice</b> is the earliest slice that either stage has closed. It is <i>ready</i> when both stages
 * have closed it (docs/contracts.md, step 3: the portfolio marks slice t only after {@code slice-end(t)} on
 * {@code trading.fills}) and when at least {@code count} messages that the slice would take are here on each side:
 * {@code count} bars with an open time at or before t, and {@code count} executions with an event time (a fill's
 * {@code filledAt}, a status event's {@code eventTime}) at or before t. The counts guard against messages that the
 * broker redelivers after their watermark (a nacked batch may come back in another order); counting what the slice
 * takes rather than only what carries its time keeps a late message from stalling the flow. A stage that never closes a slice the other closed stops the
 * flow at that slice: processing it without the watermark could leave its messages out.
 *
 * <p><b>Taking</b> slice t removes and returns its watermarks, the bars of t (and of earlier slices that never got
 * a watermark, in time order, then in arrival order) and every execution whose event time is at or before t, in
 * arrival order: a late execution (e.g. the catch-up fill of a late order) is booked with the next slice processed.
 * Executions of later slices stay.
 *
 * <p>A message with an id already held (a redelivery while the first delivery is still held) replaces the held one
 * in place, and the replaced handle is returned so that it can be settled.
 *
 * @param <H> what identifies the message an input came in
 */
public final class SliceInputs<H> {

    /** A held input and its message. */
    public record Entry<T, H>(String id, T value, H handle) {
    }

    /**
     * What one slice consumes.
     *
     * @param bars       to mark, in time order then arrival order
     * @param executions fills and status events to book, in arrival order
     */
    public record Slice<H>(Instant time, List<Entry<Bar, H>> bars, List<Entry<ExecutionEvent, H>> executions,
            Entry<SliceEnd, H> monitorEnd, Entry<SliceEnd, H> ordersEnd) {

        /** Every handle of the slice: bars, executions, then the two watermarks. */
        public List<H> handles() {
            List<H> handles = new ArrayList<>();
            bars.forEach(entry -> handles.add(entry.handle()));
            executions.forEach(entry -> handles.add(entry.handle()));
            handles.add(monitorEnd.handle());
            handles.add(ordersEnd.handle());
            return handles;
        }

        /** The bars, in order. */
        public List<Bar> barValues() {
            return bars.stream().map(Entry::value).toList();
        }

        /** The fills among the executions, in arrival order. */
        public List<Fill> fills() {
            List<Fill> fills = new ArrayList<>();
            for (Entry<ExecutionEvent, H> entry : executions) {
                if (entry.value() instanceof Fill fill) {
                    fills.add(fill);
                }
            }
            return fills;
        }
    }

    private final TreeMap<Instant, Map<String, Entry<Bar, H>>> bars = new TreeMap<>();
    private final TreeMap<Instant, Entry<SliceEnd, H>> monitorEnds = new TreeMap<>();
    private final Map<String, Entry<ExecutionEvent, H>> executions = new LinkedHashMap<>();
    private final TreeMap<Instant, Entry<SliceEnd, H>> ordersEnds = new TreeMap<>();

    /** Event time of an execution: when a fill filled, when a status changed. */
    public static Instant eventTime(ExecutionEvent event) {
        return switch (event) {
            case Fill fill -> fill.filledAt();
            case OrderStatusEvent status -> status.eventTime();
        };
    }

    /** Holds a bar of the monitor; returns the handle of a held bar with the same id, which it replaces. */
    public Optional<H> addBar(String id, Bar bar, H handle) {
        return handleOf(bars.computeIfAbsent(bar.openTime(), t -> new LinkedHashMap<>())
                .put(id, new Entry<>(id, bar, handle)));
    }

    /** Holds the monitor's watermark of a slice; returns the handle of the one it replaces, if any. */
    public Optional<H> addMonitorEnd(String id, SliceEnd end, H handle) {
        return handleOf(monitorEnds.put(end.time(), new Entry<>(id, end, handle)));
    }

    /** Holds a fill or status event; returns the handle of a held one with the same id, which it replaces. */
    public Optional<H> addExecution(String id, ExecutionEvent event, H handle) {
        return handleOf(executions.put(id, new Entry<>(id, event, handle)));
    }

    /** Holds the order service's watermark of a slice; returns the handle of the one it replaces, if any. */
    public Optional<H> addOrdersEnd(String id, SliceEnd end, H handle) {
        return handleOf(ordersEnds.put(end.time(), new Entry<>(id, end, handle)));
    }

    /** The next slice (see the class comment), whether ready or not; empty when no stage has closed a slice. */
    public Optional<Instant> next() {
        Instant monitor = monitorEnds.isEmpty() ? null : monitorEnds.firstKey();
        Instant orders = ordersEnds.isEmpty() ? null : ordersEnds.firstKey();
        if (monitor == null) {
            return Optional.ofNullable(orders);
        }
        return Optional.of(orders == null || monitor.isBefore(orders) ? monitor : orders);
    }

    /** The next slice if it is ready to be processed. */
    public Optional<Instant> ready() {
        return next().filter(this::isReady);
    }

    private boolean isReady(Instant time) {
        Entry<SliceEnd, H> monitor = monitorEnds.get(time);
        Entry<SliceEnd, H> orders = ordersEnds.get(time);
        if (monitor == null || orders == null) {
            return false;
        }
        int barCount = 0;
        for (Map<String, Entry<Bar, H>> held : bars.headMap(time, true).values()) {
            barCount += held.size();
        }
        long executionCount = executions.values().stream().filter(e -> !eventTime(e.value()).isAfter(time)).count();
        return barCount >= monitor.value().count() && executionCount >= orders.value().count();
    }

    /**
     * Removes slice {@code time} and what it consumes (see the class comment).
     *
     * @throws IllegalStateException if either watermark of the slice is missing
     */
    public Slice<H> take(Instant time) {
        Entry<SliceEnd, H> monitor = monitorEnds.get(time);
        Entry<SliceEnd, H> orders = ordersEnds.get(time);
        if (monitor == null || orders == null) {
            throw new IllegalStateException("slice " + time + " has not been closed by both the monitor and the orders");
        }
        monitorEnds.remove(time);
        ordersEnds.remove(time);
        List<Entry<Bar, H>> sliceBars = new ArrayList<>();
        Map<Instant, Map<String, Entry<Bar, H>>> due = bars.headMap(time, true);
        due.values().forEach(held -> sliceBars.addAll(held.values()));
        due.clear();
        List<Entry<ExecutionEvent, H>> sliceExecutions = new ArrayList<>();
        for (Iterator<Entry<ExecutionEvent, H>> it = executions.values().iterator(); it.hasNext(); ) {
            Entry<ExecutionEvent, H> entry = it.next();
            if (!eventTime(entry.value()).isAfter(time)) {
                sliceExecutions.add(entry);
                it.remove();
            }
        }
        return new Slice<>(time, List.copyOf(sliceBars), List.copyOf(sliceExecutions), monitor, orders);
    }

    /** Number of messages held. */
    public int size() {
        int count = monitorEnds.size() + ordersEnds.size() + executions.size();
        for (Map<String, Entry<Bar, H>> held : bars.values()) {
            count += held.size();
        }
        return count;
    }

    private static <H> Optional<H> handleOf(Entry<?, H> replaced) {
        return replaced == null ? Optional.empty() : Optional.of(replaced.handle());
    }
}
