package dev.papertrader.monitor.feed;

import java.time.Instant;

/**
 * The feed's position as committed with each slice (the {@code engine_state} row {@value FeedService#STATE_KEY}):
 * the service resumes after {@code lastSliceTime}, so a slice is neither published twice nor skipped.
 *
 * @param type            the feed type that published it
 * @param lastSliceTime   time of the last published slice; null before the first
 * @param slicesPublished slices published since the monitor's database was created
 * @param loop            replay passes completed (see {@link MarketDataFeed#position()})
 * @param offset          index of the next slice within the pass
 */
public record FeedState(String type, Instant lastSliceTime, long slicesPublished, long loop, long offset) {

    /** Nothing published yet. */
    public static FeedState initial(String type) {
        return new FeedState(type, null, 0, 0, 0);
    }

    /** The state once {@code slice} is published and the feed stands at {@code position}. */
    public FeedState after(String feedType, TimeSlice slice, MarketDataFeed.Position position) {
        return new FeedState(feedType, slice.time(), slicesPublished + 1, position.loop(), position.offset());
    }
}
