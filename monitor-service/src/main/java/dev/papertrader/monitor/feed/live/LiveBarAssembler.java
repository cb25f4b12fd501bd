package dev.papertrader.monitor.feed.live;

import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.feed.TimeSlice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the closed bars of a live exchange stream, as they arrive (late, twice, out of order, with holes), into the
 * monitor's time slices: strictly increasing in time, each bar at most once, none missing that the exchange has.
 * Exchange-independent and pure: the caller passes the arrival time, fetches the gaps it is told about and feeds them
 * back. Not thread-safe.
 *
 * <p>Rules, per watched symbol (all bars of one interval):
 * <ul>
 * <li><b>Dedupe.</b> A bar whose open time is at or before the last released slice is late and dropped; a bar whose
 * open time is already pending is a duplicate and dropped. The first copy wins.</li>
 * <li><b>Contiguity and gaps.</b> Each symbol knows {@code through}, the open time up to which its bars are complete.
 * A bar opening after {@code through + interval} reveals a gap: the bars from {@code through + interval} to the bar
 * before it, at most {@code maxRecoveryBars} of them (the most recent ones), and never at or before the last
 * released slice. With no {@code through} yet (the first bar of the run) the gap is the {@code historyBars} bars
 * before it when nothing was ever released, else the bars after the last released slice. The caller fetches a gap
 * and hands the bars to {@link #recovered}, or gives up with {@link #abandoned}; in both cases {@code through} moves
 * to the gap's end.</li>
 * <li><b>Release.</b> Nothing is released while a gap is being recovered (recovered bars come first, in order).
 * Otherwise the earliest pending open time t is released as one slice, in watch order, once every watched symbol
 * has its bar at t, or has a later bar (the exchange has none at t), or {@code grace} has passed since t's first bar
 * arrived (a silent symbol does not hold the others back).</li>
 * </ul>
 */
public final class LiveBarAssembler {

    /** Bars of {@code symbol} to fetch: open times {@code from} to {@code to}, both included. */
    public record Gap(String symbol, Instant from, Instant to) {
        /** How many bars of {@code interval} the gap spans. */
        public long bars(Duration interval) {
            return Duration.between(from, to).dividedBy(interval) + 1;
        }
    }

    /** What became of an arriving bar. */
    public enum Arrival {
        /** Kept for release. */
        ACCEPTED,
        /** Already pending: dropped. */
        DUPLICATE,
        /** At or before the last released slice: dropped. */
        LATE,
        /** Of a symbol that is not watched: dropped. */
        UNWATCHED
    }

    /** The arrival's outcome and the gap it revealed, if any (fetch it). */
    public record Acceptance(Arrival arrival, Optional<Gap> gap) {
    }

    private static final class SymbolState {
        private Instant through;
        private final TreeMap<Instant, Bar> pending = new TreeMap<>();
        private Gap recovering;
    }

    private final Duration interval;
    private final Duration grace;
    private final int maxRecoveryBars;
    private final int historyBars;
    private final Map<String, SymbolState> symbols = new LinkedHashMap<>();
    private final TreeMap<Instant, Instant> firstArrival = new TreeMap<>();
    private Instant released;

    /**
     * @param maxRecoveryBars at most this many bars are fetched for one gap (the most recent ones)
     * @param historyBars     bars fetched before the first live bar when nothing was released yet (0: none)
     */
    public LiveBarAssembler(Duration interval, Duration grace, int maxRecoveryBars, int historyBars) {
        if (interval.isNegative() || interval.isZero() || grace.isNegative() || maxRecoveryBars < 0 || historyBars < 0) {
            throw new IllegalArgumentException("interval must be positive; grace, maxRecoveryBars and historyBars not"
                    + " negative");
        }
        this.interval = interval;
        this.grace = grace;
        this.maxRecoveryBars = maxRecoveryBars;
        this.historyBars = historyBars;
    }

    /** The symbols to watch, in slice order; a symbol no longer watched loses its pending bars. */
    public void watch(List<String> watched) {
        Map<String, SymbolState> previous = new LinkedHashMap<>(symbols);
        symbols.clear();
        for (String symbol : watched) {
            SymbolState state = previous.get(symbol);
            if (state == null) {
                state = new SymbolState();
                state.through = released;
            }
            symbols.put(symbol, state);
        }
    }

    /** The watched symbols, in slice order. */
    public List<String> watched() {
        return List.copyOf(symbols.keySet());
    }

    /**
     * Starts over after the slice at {@code lastReleased} (null: nothing released yet): pending bars at or before it
     * are dropped, every symbol counts as complete through it, recoveries in flight are forgotten.
     *
     * @return the gaps between it and each symbol's earliest pending bar, to fetch
     */
    public List<Gap> reset(Instant lastReleased) {
        released = lastReleased;
        firstArrival.headMap(lastReleased == null ? Instant.MIN : lastReleased, true).clear();
        List<Gap> gaps = new ArrayList<>();
        for (Map.Entry<String, SymbolState> entry : symbols.entrySet()) {
            SymbolState state = entry.getValue();
            state.recovering = null;
            state.through = lastReleased;
            if (lastReleased != null) {
                state.pending.headMap(lastReleased, true).clear();
            }
            if (!state.pending.isEmpty()) {
                Instant first = state.pending.firstKey();
                Instant expected = lastReleased != null ? lastReleased.plus(interval)
                        : first.minus(interval.multipliedBy(historyBars));
                Optional<Gap> gap = gapBefore(entry.getKey(), expected, first);
                gap.ifPresent(found -> state.recovering = found);
                gap.ifPresent(gaps::add);
                if (gap.isEmpty()) {
                    state.through = null;
                    advance(state);
                }
            }
        }
        return gaps;
    }

    /** Takes one closed bar that arrived at {@code now}; see the class comment. */
    public Acceptance accept(Bar bar, Instant now) {
        SymbolState state = symbols.get(bar.symbol());
        if (state == null) {
            return new Acceptance(Arrival.UNWATCHED, Optional.empty());
        }
        Instant open = bar.openTime();
        if (released != null && !open.isAfter(released)) {
            return new Acceptance(Arrival.LATE, Optional.empty());
        }
        if (state.pending.putIfAbsent(open, bar) != null) {
            return new Acceptance(Arrival.DUPLICATE, Optional.empty());
        }
        firstArrival.putIfAbsent(open, now);
        Optional<Gap> gap = Optional.empty();
        if (state.recovering == null) {
            Instant expected = state.through != null ? state.through.plus(interval)
                    : released != null ? released.plus(interval)
                    : open.minus(interval.multipliedBy(historyBars));
            gap = gapBefore(bar.symbol(), expected, open);
            gap.ifPresent(found -> state.recovering = found);
            if (gap.isEmpty()) {
                advance(state);
            }
        }
        return new Acceptance(Arrival.ACCEPTED, gap);
    }

    /** The gap from {@code expected} to the bar before {@code open}, capped as the class comment says. */
    private Optional<Gap> gapBefore(String symbol, Instant expected, Instant open) {
        Instant to = open.minus(interval);
        Instant from = expected;
        Instant cap = open.minus(interval.multipliedBy(maxRecoveryBars));
        if (from.isBefore(cap)) {
            from = cap;
        }
        if (released != null && !from.isAfter(released)) {
            from = released.plus(interval);
        }
        return from.isAfter(to) ? Optional.empty() : Optional.of(new Gap(symbol, from, to));
    }

    /** Moves {@code through} over the contiguous pending bars. */
    private void advance(SymbolState state) {
        Instant next = state.through == null ? null : state.through.plus(interval);
        for (Instant open : state.pending.keySet()) {
            if (next == null || open.equals(next)) {
                state.through = open;
                next = open.plus(interval);
            } else if (open.isAfter(next)) {
                break;
            }
        }
    }

    /**
     * Hands over the fetched bars of {@code gap} (any order; those outside it, late or duplicate are ignored) and ends
     * its recovery.
     *
     * @return a further gap of the symbol, if its pending bars still have a hole (fetch it)
     */
    public Optional<Gap> recovered(Gap gap, List<Bar> bars, Instant now) {
        SymbolState state = symbols.get(gap.symbol());
        if (state == null || !gap.equals(state.recovering)) {
            return Optional.empty();
        }
        for (Bar bar : bars) {
            Instant open = bar.openTime();
            if (bar.symbol().equals(gap.symbol()) && !open.isBefore(gap.from()) && !open.isAfter(gap.to())
                    && (released == null || open.isAfter(released))) {
                if (state.pending.putIfAbsent(open, bar) == null) {
                    firstArrival.putIfAbsent(open, now);
                }
            }
        }
        return finish(state, gap);
    }

    /** Gives up on {@code gap} (its bars are lost); see {@link #recovered}. */
    public Optional<Gap> abandoned(Gap gap) {
        SymbolState state = symbols.get(gap.symbol());
        if (state == null || !gap.equals(state.recovering)) {
            return Optional.empty();
        }
        return finish(state, gap);
    }

    private Optional<Gap> finish(SymbolState state, Gap gap) {
        state.recovering = null;
        if (state.through == null || state.through.isBefore(gap.to())) {
            state.through = gap.to();
        }
        advance(state);
        Map.Entry<Instant, Bar> later = state.pending.higherEntry(state.through);
        if (later == null) {
            return Optional.empty();
        }
        Optional<Gap> next = gapBefore(gap.symbol(), state.through.plus(interval), later.getKey());
        next.ifPresent(found -> state.recovering = found);
        if (next.isEmpty()) {
            advance(state);
        }
        return next;
    }

    /** Whether a gap is being fetched. */
    public boolean recovering() {
        return symbols.values().stream().anyMatch(state -> state.recovering != null);
    }

    /** The open time of the last released slice, null before the first. */
    public Instant released() {
        return released;
    }

    /** The next slice, if one may be released at {@code now}; see the class comment. Call until empty. */
    public Optional<TimeSlice> poll(Instant now) {
        if (recovering()) {
            return Optional.empty();
        }
        Instant earliest = null;
        for (SymbolState state : symbols.values()) {
            if (!state.pending.isEmpty() && (earliest == null || state.pending.firstKey().isBefore(earliest))) {
                earliest = state.pending.firstKey();
            }
        }
        if (earliest == null) {
            return Optional.empty();
        }
        Instant arrived = firstArrival.getOrDefault(earliest, now);
        boolean graceOver = !now.isBefore(arrived.plus(grace));
        for (SymbolState state : symbols.values()) {
            if (state.pending.isEmpty() && !graceOver) {
                return Optional.empty();
            }
        }
        List<Bar> bars = new ArrayList<>();
        for (SymbolState state : symbols.values()) {
            Bar bar = state.pending.get(earliest);
            if (bar != null) {
                state.pending.remove(earliest);
                bars.add(bar);
            }
        }
        released = earliest;
        firstArrival.headMap(earliest, true).clear();
        return Optional.of(new TimeSlice(earliest, bars));
    }
}
