package dev.papertrader.monitor.feed;

import dev.papertrader.core.data.SyntheticBars;
import dev.papertrader.core.data.Timeframes;
import dev.papertrader.core.model.Bar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Seeded random-walk bars for any number of symbols ({@link SyntheticBars}), for load: slice i holds one bar of every
 * symbol, in symbol order, at {@code start + i × timeframe}.
 *
 * <p>The walk is sequential, so resuming after slice i regenerates the stream from the start and skips the bars of
 * slices 0..i: a restart costs time proportional to what was already published (millions of bars per second).
 */
public final class SyntheticFeed implements MarketDataFeed {

    private final long seed;
    private final List<String> symbols;
    private final String timeframe;
    private final Duration step;
    private final Instant start;
    private final int barsPerSymbol;
    private Iterator<Bar> bars;
    private long index;

    /**
     * @param barsPerSymbol slices before the feed ends; 0 for (practically) no end: {@link Integer#MAX_VALUE}
     */
    public SyntheticFeed(long seed, List<String> symbols, String timeframe, Instant start, int barsPerSymbol) {
        if (barsPerSymbol < 0) {
            throw new IllegalArgumentException("bars per symbol must not be negative, was " + barsPerSymbol);
        }
        this.seed = seed;
        this.symbols = List.copyOf(symbols);
        this.timeframe = Instrument.normalizeTimeframe(timeframe);
        this.step = Timeframes.parse(this.timeframe);
        this.start = start;
        this.barsPerSymbol = barsPerSymbol == 0 ? Integer.MAX_VALUE : barsPerSymbol;
        seekAfter(null);
    }

    /** {@code count} symbol names: prefix + 1-based number padded to 3 digits (SYN001, SYN002...). */
    public static List<String> symbolNames(String prefix, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the synthetic feed needs at least one symbol, was " + count);
        }
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("the synthetic symbol prefix must not be blank");
        }
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + String.format("%03d", i)).toList();
    }

    @Override
    public String type() {
        return "synthetic";
    }

    @Override
    public List<Instrument> instruments() {
        return symbols.stream().map(symbol -> new Instrument(symbol, timeframe)).toList();
    }

    @Override
    public void seekAfter(Instant lastPublished) {
        bars = SyntheticBars.stream(seed, symbols, timeframe, start, step, barsPerSymbol);
        index = 0;
        if (lastPublished == null || lastPublished.isBefore(start)) {
            return;
        }
        long skip = Math.min(Duration.between(start, lastPublished).dividedBy(step) + 1, barsPerSymbol);
        for (long i = 0; i < skip * symbols.size(); i++) {
            bars.next();
        }
        index = skip;
    }

    @Override
    public Optional<TimeSlice> next() {
        if (!bars.hasNext()) {
            return Optional.empty();
        }
        List<Bar> slice = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            slice.add(bars.next());
        }
        index++;
        return Optional.of(new TimeSlice(slice.get(0).openTime(), slice));
    }

    @Override
    public Position position() {
        return new Position(0, index);
    }
}
