package dev.papertrader.monitor.feed;

import java.time.Duration;
import java.util.List;

/**
 * A {@link MarketDataFeed} fed by a live exchange connection. Its {@link #next} returns a slice once the exchange has
 * closed its bars, and empty while there is none yet (a live feed never ends): the monitor then asks again after
 * {@link #pollInterval}. {@link #seekAfter} tells it the last slice already published, so that it fetches what it
 * missed since (from the exchange's REST history) before live bars go on.
 *
 * <p>Thread-safe: the connection's callbacks and the monitor's executor both reach it.
 */
public interface LiveFeed extends MarketDataFeed {

    /** The instruments the watchlist's enabled entries run on; the feed follows them (with its configured ones). */
    void watch(List<Instrument> instruments);

    /** Opens the exchange connection (and keeps it open, reconnecting) until {@link #disconnect}. */
    void connect();

    /** Closes the connection and stops reconnecting. */
    void disconnect();

    /** How long the monitor waits to ask again after {@link #next} returned empty. */
    Duration pollInterval();

    /** The connection's health now. */
    FeedHealth health();
}
