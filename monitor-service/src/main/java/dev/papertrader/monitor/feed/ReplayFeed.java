package dev.papertrader.monitor.feed;

import dev.papertrader.core.data.Timeframes;
import dev.papertrader.core.model.Bar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays recorded bars (bundled data sets, CSV files) as time slices.
 *
 * <p>Sources are merged by time: a slice holds the bars of every source that has one at that open time, in the
 * order the sources were given (the feed's symbol order). Each source is one symbol at one timeframe; no two sources
 * may carry the same symbol, since a slice holds one bar per symbol.
 *
 * <p>Loop: without it the feed ends after its last slice. With it, pass k (k = 0, 1, 2...) repeats the slices with
 * every time shifted forward by k × P, where P = (last slice time − first slice time) + the longest timeframe of the
 * sources. Pass k + 1 therefore starts at least one bar after pass k ends, so event time keeps increasing and the
 * shifted bars get new ids.
 */
public final class ReplayFeed implements MarketDataFeed {

    /** One source: the bars of one symbol at one timeframe, with a name for error messages. */
    public record Source(String name, List<Bar> bars) {
        public Source {
            bars = List.copyOf(bars);
        }
    }

    private final List<Instrument> instruments;
    private final List<TimeSlice> slices;
    private final boolean loop;
    private final Duration period;
    private long pass;
    private int offset;

    private ReplayFeed(List<Instrument> instruments, List<TimeSlice> slices, boolean loop, Duration period) {
        this.instruments = List.copyOf(instruments);
        this.slices = List.copyOf(slices);
        this.loop = loop;
        this.period = period;
    }

    /**
     * A replay of {@code sources}, merged by time.
     *
     * @throws IllegalArgumentException when there is no source, a source is empty, mixes symbols or timeframes, is
     *                                  not in strictly increasing time order, or two sources share a symbol
     */
    public static ReplayFeed of(List<Source> sources, boolean loop) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("the replay feed needs at least one data set or CSV file");
        }
        List<Instrument> instruments = new ArrayList<>();
        Set<String> symbols = new HashSet<>();
        List<Bar> merged = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (Source source : sources) {
            Instrument instrument = checkSource(source);
            if (!symbols.add(instrument.symbol())) {
                throw new IllegalArgumentException("two replay sources carry " + instrument.symbol()
                        + " (the second is " + source.name() + "); a slice holds one bar per symbol");
            }
            instruments.add(instrument);
            Duration timeframe = Timeframes.parse(instrument.timeframe());
            if (timeframe.compareTo(longest) > 0) {
                longest = timeframe;
            }
            for (Bar bar : source.bars()) {
                merged.add(bar.timeframe().equals(instrument.timeframe()) ? bar
                        : new Bar(bar.symbol(), instrument.timeframe(), bar.openTime(), bar.open(), bar.high(),
                                bar.low(), bar.close(), bar.volume()));
            }
        }
        // A stable sort keeps equal times in source order.
        merged.sort(Comparator.comparing(Bar::openTime));
        List<TimeSlice> slices = new ArrayList<>();
        List<Bar> current = new ArrayList<>();
        for (Bar bar : merged) {
            if (!current.isEmpty() && !current.get(0).openTime().equals(bar.openTime())) {
                slices.add(new TimeSlice(current.get(0).openTime(), current));
                current.clear();
            }
            current.add(bar);
        }
        slices.add(new TimeSlice(current.get(0).openTime(), current));
        Duration span = Duration.between(slices.get(0).time(), slices.get(slices.size() - 1).time());
        return new ReplayFeed(instruments, slices, loop, span.plus(longest));
    }

    private static Instrument checkSource(Source source) {
        List<Bar> bars = source.bars();
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("replay source " + source.name() + " has no bars");
        }
        Bar first = bars.get(0);
        Instrument instrument = new Instrument(first.symbol(), first.timeframe());
        Instant previous = null;
        for (Bar bar : bars) {
            if (!bar.symbol().equals(first.symbol())) {
                throw new IllegalArgumentException("replay source " + source.name() + " mixes symbols "
                        + first.symbol() + " and " + bar.symbol());
            }
            if (!Instrument.normalizeTimeframe(bar.timeframe()).equals(instrument.timeframe())) {
                throw new IllegalArgumentException("replay source " + source.name() + " mixes timeframes "
                        + first.timeframe() + " and " + bar.timeframe());
            }
            if (previous != null && !bar.openTime().isAfter(previous)) {
                throw new IllegalArgumentException("replay source " + source.name() + " is not in increasing time order at "
                        + bar.openTime());
            }
            previous = bar.openTime();
        }
        return instrument;
    }

    @Override
    public String type() {
        return "replay";
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    /** Slices in one pass. */
    public int sliceCount() {
        return slices.size();
    }

    /** The shift between two passes of a looped replay: P in the class comment. */
    public Duration loopPeriod() {
        return period;
    }

    @Override
    public void seekAfter(Instant lastPublished) {
        pass = 0;
        offset = 0;
        if (lastPublished == null) {
            return;
        }
        Instant first = slices.get(0).time();
        if (loop && lastPublished.isAfter(first)) {
            // The pass whose first slice is at or before lastPublished: the next slice is in it or starts the next.
            pass = Duration.between(first, lastPublished).dividedBy(period);
        }
        Instant unshifted = lastPublished.minus(period.multipliedBy(pass));
        offset = firstIndexAfter(unshifted);
        if (offset == slices.size() && loop) {
            pass++;
            offset = 0;
        }
    }

    /** Index of the first slice of a pass whose (unshifted) time is after {@code time}; size() when none. */
    private int firstIndexAfter(Instant time) {
        int low = 0;
        int high = slices.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (slices.get(middle).time().isAfter(time)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    @Override
    public Optional<TimeSlice> next() {
        if (offset == slices.size()) {
            if (!loop) {
                return Optional.empty();
            }
            pass++;
            offset = 0;
        }
        TimeSlice slice = slices.get(offset++);
        return Optional.of(pass == 0 ? slice : shift(slice, period.multipliedBy(pass)));
    }

    @Override
    public Position position() {
        return new Position(pass, offset);
    }

    private static TimeSlice shift(TimeSlice slice, Duration by) {
        Instant time = slice.time().plus(by);
        return new TimeSlice(time, slice.bars().stream()
                .map(bar -> new Bar(bar.symbol(), bar.timeframe(), time, bar.open(), bar.high(), bar.low(), bar.close(),
                        bar.volume()))
                .toList());
    }
}
