package dev.papertrader.monitor.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A source of market data for the monitor, read one {@link TimeSlice} at a time in strictly increasing time order.
 *
 * <p>A feed is a cursor: {@link #seekAfter} positions it just after a slice that was already published (that is how
 * the monitor resumes after a restart), {@link #next} returns the following slice and advances. Feeds are
 * deterministic (the same configuration and position give the same slices) and single-threaded: the monitor touches
 * its feed only from its serial executor. Pacing is the caller's business; a feed returns slices as fast as asked.
 */
public interface MarketDataFeed {

    /** The feed's kind as configured: {@code replay}, {@code synthetic}. */
    String type();

    /** Every symbol (with its timeframe) the feed produces, in slice order. */
    List<Instrument> instruments();

    /**
     * Positions the feed so that {@link #next} returns the first slice whose time is after {@code lastPublished};
     * {@code null} positions it at the first slice.
     */
    void seekAfter(Instant lastPublished);

    /** The next slice, or empty when the feed has ended (a replay without loop after its last slice). */
    Optional<TimeSlice> next();

    /**
     * Where the feed is, for status and the stored feed state: for a replay, {@code loop} passes completed and the
     * {@code offset} of the next slice within the pass; for the synthetic feed, loop 0 and the next slice's index.
     */
    Position position();

    /** A feed's position: the pass (loops completed) and the index of the next slice within it. */
    record Position(long loop, long offset) {
    }
}
