package dev.papertrader.router.engine;

import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SliceEnd;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the router has received for slices it has not decided yet, by slice time, each with a handle {@code H} (the
 * unacknowledged message) to settle when the slice is committed: signals by bar time in arrival order, the monitor's
 * {@code slice-end}, the account's snapshot by {@code asOf}.
 *
 * <p>The <i>next</i> slice is the earliest one with a monitor watermark; signals of bar times without a watermark
 * (from processes the monitor does not run) do not hold anything up and are decided with the next slice at or after
 * their bar time. The next slice is {@linkplain #isComplete complete} when it also has its snapshot and at least
 * {@code slice-end.count} signals: the count guards against signals that the broker redelivers after their watermark.
 *
 * @param <H> what identifies the message a signal, watermark or snapshot came in
 */
public final class PendingSlices<H> {

    /** A buffered message: its id, its record and its handle. */
    public record Entry<T, H>(String id, T value, H handle) {
    }

    /**
     * Everything {@link #take} removed for one slice.
     *
     * @param time     the slice
     * @param snapshot the account's snapshot as of {@code time}
     * @param signals  the signals to decide in order: by bar time, then arrival
     * @param handles  every message removed (signals, watermarks, snapshots), to commit with the slice
     */
    public record Closure<H>(Instant time, PortfolioSnapshot snapshot, List<Entry<Signal, H>> signals,
            List<H> handles) {
    }

    private static final class Slice<H> {
        final Map<String, Entry<Signal, H>> signals = new LinkedHashMap<>();
        Entry<SliceEnd, H> end;
        Entry<PortfolioSnapshot, H> snapshot;

        boolean isEmpty() {
            return signals.isEmpty() && end == null && snapshot == null;
        }
    }

    private final TreeMap<Instant, Slice<H>> slices = new TreeMap<>();

    /**
     * Keeps a signal under its bar time. If one with the same id is kept already (a redelivery), the new one replaces
     * it at its place in the arrival order and the old handle is returned, to be settled.
     */
    public Optional<H> addSignal(String id, Signal signal, H handle) {
        Entry<Signal, H> previous = slice(signal.barTime()).signals.put(id, new Entry<>(id, signal, handle));
        return previous == null ? Optional.empty() : Optional.of(previous.handle());
    }

    /** Keeps the monitor's watermark of a slice; a repeated one replaces the kept one, whose handle is returned. */
    public Optional<H> addEnd(String id, SliceEnd end, H handle) {
        Slice<H> slice = slice(end.time());
        Entry<SliceEnd, H> previous = slice.end;
        slice.end = new Entry<>(id, end, handle);
        return previous == null ? Optional.empty() : Optional.of(previous.handle());
    }

    /** Keeps the account's snapshot as of a slice; a repeated one replaces the kept one, whose handle is returned. */
    public Optional<H> addSnapshot(String id, PortfolioSnapshot snapshot, H handle) {
        Slice<H> slice = slice(snapshot.asOf());
        Entry<PortfolioSnapshot, H> previous = slice.snapshot;
        slice.snapshot = new Entry<>(id, snapshot, handle);
        return previous == null ? Optional.empty() : Optional.of(previous.handle());
    }

    /** The earliest slice with a monitor watermark: the only one that can be decided next. */
    public Optional<Instant> next() {
        return slices.entrySet().stream().filter(e -> e.getValue().end != null).map(Map.Entry::getKey).findFirst();
    }

    /**
     * Whether slice {@code time} has its watermark, its snapshot and at least as many signals of its bar time as the
     * watermark counts.
     */
    public boolean isComplete(Instant time) {
        Slice<H> slice = slices.get(time);
        return slice != null && slice.end != null && slice.snapshot != null
                && slice.signals.size() >= slice.end.value().count();
    }

    /** What slice {@code time} still lacks, for the status: {@code monitor slice-end}, {@code snapshot}, signals. */
    public List<String> missing(Instant time) {
        Slice<H> slice = slices.get(time);
        List<String> missing = new ArrayList<>();
        if (slice == null || slice.end == null) {
            missing.add("monitor slice-end");
        }
        if (slice == null || slice.snapshot == null) {
            missing.add("snapshot");
        }
        if (slice != null && slice.end != null && slice.signals.size() < slice.end.value().count()) {
            missing.add((slice.end.value().count() - slice.signals.size()) + " of "
                    + slice.end.value().count() + " signals");
        }
        return missing;
    }

    /**
     * Removes slice {@code time} and every earlier one: the signals to decide (earlier bar times first, then arrival
     * order), the snapshot as of {@code time}, and the handles of everything removed (signals, then watermarks and
     * snapshots).
     *
     * @throws IllegalStateException when the slice has no snapshot
     */
    public Closure<H> take(Instant time) {
        Slice<H> own = slices.get(time);
        if (own == null || own.snapshot == null) {
            throw new IllegalStateException("slice " + time + " has no snapshot");
        }
        NavigableMap<Instant, Slice<H>> removed = slices.headMap(time, true);
        List<Entry<Signal, H>> signals = new ArrayList<>();
        List<H> handles = new ArrayList<>();
        for (Slice<H> slice : removed.values()) {
            for (Entry<Signal, H> entry : slice.signals.values()) {
                signals.add(entry);
                handles.add(entry.handle());
            }
        }
        for (Slice<H> slice : removed.values()) {
            if (slice.end != null) {
                handles.add(slice.end.handle());
            }
            if (slice.snapshot != null) {
                handles.add(slice.snapshot.handle());
            }
        }
        PortfolioSnapshot snapshot = own.snapshot.value();
        removed.clear();
        return new Closure<>(time, snapshot, List.copyOf(signals), List.copyOf(handles));
    }

    /** Signals kept, over all slices. */
    public int signalCount() {
        return slices.values().stream().mapToInt(slice -> slice.signals.size()).sum();
    }

    /** Slice times held, in order, with what each holds. */
    public List<Summary> summaries() {
        return slices.entrySet().stream()
                .map(e -> new Summary(e.getKey(), e.getValue().signals.size(),
                        e.getValue().end == null ? null : e.getValue().end.value().count(),
                        e.getValue().snapshot != null))
                .toList();
    }

    /**
     * One slice held.
     *
     * @param signalCount   signals of its bar time
     * @param expectedCount the monitor watermark's count, null when the watermark has not arrived
     * @param snapshot      whether the account's snapshot as of it has arrived
     */
    public record Summary(Instant time, int signalCount, Integer expectedCount, boolean snapshot) {
    }

    /** Whether nothing is held. */
    public boolean isEmpty() {
        return slices.values().stream().allMatch(Slice::isEmpty);
    }

    private Slice<H> slice(Instant time) {
        return slices.computeIfAbsent(time, t -> new Slice<>());
    }
}
