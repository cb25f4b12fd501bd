package dev.papertrader.monitor;

import dev.papertrader.monitor.config.MonitorConfig;
import dev.papertrader.monitor.feed.FeedService;
import dev.papertrader.monitor.watchlist.WatchlistService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Brings the monitor up, in order: seeds the watchlist on first start, then (with
 * {@code papertrader.monitor.feed.autostart}) starts the feed, which resumes after the last committed slice. Both
 * are awaited, so a configuration or database problem fails the start instead of leaving a half-started service.
 */
@ApplicationScoped
public class MonitorStartup {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

    private final WatchlistService watchlist;
    private final FeedService feed;
    private final MonitorConfig config;

    public MonitorStartup(WatchlistService watchlist, FeedService feed, MonitorConfig config) {
        this.watchlist = watchlist;
        this.feed = feed;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        watchlist.seedIfFirstStart(feed.instruments()).await().atMost(STARTUP_TIMEOUT);
        if (config.feed().autostart()) {
            feed.start().await().atMost(STARTUP_TIMEOUT);
        }
    }
}
