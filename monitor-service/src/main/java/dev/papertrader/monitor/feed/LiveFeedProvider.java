package dev.papertrader.monitor.feed;

/**
 * Creates a {@link LiveFeed} for {@code papertrader.monitor.feed.type} = {@link #type()}: a CDI bean per exchange,
 * found by {@link FeedService} among all beans of this type.
 */
public interface LiveFeedProvider {

    /** The feed type it serves, e.g. {@code binance}. */
    String type();

    /** A new feed, not connected yet. @throws IllegalArgumentException naming the configuration key at fault */
    LiveFeed create();
}
