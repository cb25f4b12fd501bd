package dev.papertrader.monitor.feed.binance;

import dev.papertrader.monitor.feed.FeedStatusEvent;
import dev.papertrader.monitor.feed.LiveFeed;
import dev.papertrader.monitor.feed.LiveFeedProvider;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;

/** The {@code binance} feed type: a {@link BinanceFeed} on the configured URLs, firing {@link FeedStatusEvent}s. */
@ApplicationScoped
public class BinanceFeedProvider implements LiveFeedProvider {

    private final BinanceConfig config;
    private final Instance<BasicWebSocketConnector> connectors;
    private final Vertx vertx;
    private final Clock clock;
    private final Event<FeedStatusEvent> events;

    public BinanceFeedProvider(BinanceConfig config, Instance<BasicWebSocketConnector> connectors, Vertx vertx,
            Clock clock, Event<FeedStatusEvent> events) {
        this.config = config;
        this.connectors = connectors;
        this.vertx = vertx;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public String type() {
        return "binance";
    }

    @Override
    public LiveFeed create() {
        return create(BinanceFeed.Settings.of(config), config.restUrl());
    }

    /** A feed with other settings (tests: one per protocol scenario). */
    public BinanceFeed create(BinanceFeed.Settings settings, String restUrl) {
        return new BinanceFeed(settings, restClient(restUrl), connectors::get, vertx, clock, events::fire);
    }

    /** A REST client on {@code restUrl}; a rate-limit answer without Retry-After waits the first reconnect delay. */
    public BinanceRestClient restClient(String restUrl) {
        return new BinanceRestClient(restUrl, config.reconnectInitial().compareTo(Duration.ofSeconds(1)) > 0
                ? config.reconnectInitial() : Duration.ofSeconds(1));
    }
}
