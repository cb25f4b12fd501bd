package dev.papertrader.order.engine;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.SliceEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bars and monitor watermarks received but not yet processed, by slice, each with a handle {@code H} (the
 * unacknowledged message) to settle when the slice is committed.
 *
 * <p>A slice is <i>complete</i> when its {@code slice-end} has arrived and at least {@code slice-end.count} bars of
 * it are here: the count guards against bars that the broker redelivers after their watermark (a nacked batch may
 * come back in another order). Only the earliest slice can be the next one processed, and none after a slice
 * {@linkplain #giveBack given back} (its transaction failed, its messages are coming again) until that slice is
 * processed: the broker redelivers a given-back message after a back-off, so the next slice, still held here, would
 * otherwise be processed first and the given-back one then arrive after its turn (chaos trial of seed 4: slice
 * 2013-01-09 before 2013-01-08, whose bar and watermark were then dead-lettered as late).
 *
 * @param <H> what identifies the message a bar or watermark came in
 */
public final class SliceBuffer<H> {

    /** A buffered bar or watermark and its message. */
    public record Entry<T, H>(String id, T value, H handle) {
    }

    private static final class Slice<H> {
        final Map<String, Entry<Bar, H>> bars = new LinkedHashMap<>();
        Entry<SliceEnd, H> end;
    }

    private final TreeMap<Instant, Slice<H>> slices = new TreeMap<>();
    /** The earliest slice given back and not processed since, else null. */
    private Instant givenBack;

    /**
     * Keeps a bar. If a bar with the same id is already kept (a redelivery), the new one replaces it and the old
     * handle is returned so that it can be settled.
     */
    public Optional<H> addBar(String id, Bar bar, H handle) {
        Entry<Bar, H> previous = slice(bar.openTime()).bars.put(id, new Entry<>(id, bar, handle));
        return previous == null ? Optional.empty() : Optional.of(previous.handle());
    }

    /** Keeps a slice's watermark; a repeated one replaces the kept one, whose handle is returned. */
    public Optional<H> addEnd(String id, SliceEnd end, H handle) {
        Slice<H> slice = slice(end.time());
        Entry<SliceEnd, H> previous = slice.end;
        slice.end = new Entry<>(id, end, handle);
        return previous == null ? Optional.empty() : Optional.of(previous.handle());
    }

    /** The earliest slice held, complete or not. */
    public Optional<Instant> earliest() {
        return slices.isEmpty() ? Optional.empty() : Optional.of(slices.firstKey());
    }

    /** Whether slice {@code time} has its watermark and at least as many bars as the watermark counts. */
    public boolean isComplete(Instant time) {
        Slice<H> slice = slices.get(time);
        return slice != null && slice.end != null && slice.bars.size() >= slice.end.value().count();
    }

    /**
     * The slice that may be processed next: the earliest held, unless it is after a slice {@linkplain #giveBack given
     * back} and not {@linkplain #processedThrough processed} since (then none).
     */
    public Optional<Instant> next() {
        Optional<Instant> earliest = earliest();
        if (givenBack != null && earliest.isPresent() && earliest.get().isAfter(givenBack)) {
            return Optional.empty();
        }
        return earliest;
    }

    /**
     * Forgets slice {@code time} after its transaction failed and returns its handles, to give back to the broker:
     * no later slice is {@linkplain #next next} until {@code time} is {@linkplain #processedThrough processed}.
     */
    public List<H> giveBack(Instant time) {
        if (givenBack == null || time.isBefore(givenBack)) {
            givenBack = time;
        }
        return remove(time);
    }

    /**
     * Every slice up to {@code time} is processed (committed): a given-back slice among them no longer holds the
     * later ones back. Also after a reload, when the failed transaction had committed after all.
     */
    public void processedThrough(Instant time) {
        if (givenBack != null && !time.isBefore(givenBack)) {
            givenBack = null;
        }
    }

    /** The bars kept for {@code time}, in arrival order. */
    public List<Entry<Bar, H>> bars(Instant time) {
        Slice<H> slice = slices.get(time);
        return slice == null ? List.of() : List.copyOf(slice.bars.values());
    }

    /** The watermark kept for {@code time}, if it arrived. */
    public Optional<Entry<SliceEnd, H>> end(Instant time) {
        Slice<H> slice = slices.get(time);
        return slice == null ? Optional.empty() : Optional.ofNullable(slice.end);
    }

    /** Forgets slice {@code time} and returns every handle it held: bars in arrival order, then the watermark. */
    public List<H> remove(Instant time) {
        Slice<H> slice = slices.remove(time);
        List<H> handles = new ArrayList<>();
        if (slice != null) {
            slice.bars.values().forEach(entry -> handles.add(entry.handle()));
            if (slice.end != null) {
                handles.add(slice.end.handle());
            }
        }
        return handles;
    }

    /** Number of slices held. */
    public int size() {
        return slices.size();
    }

    private Slice<H> slice(Instant time) {
        return slices.computeIfAbsent(time, t -> new Slice<>());
    }
}
