package dev.papertrader.monitor.feed;

import dev.papertrader.monitor.feed.binance.BinanceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The live feed's health in {@code /q/health/ready} (check {@code market-data-feed}: connected, subscribed, last bar
 * time, lag, counters) and as Micrometer gauges {@code papertrader.monitor.feed.connected} (1/0),
 * {@code .lag} (ms), {@code .last.bar.time} (epoch seconds), {@code .duplicates}, {@code .late}, {@code .malformed},
 * {@code .reconnects}, {@code .recovered.bars}, {@code .rate.limited}.
 *
 * <p>Down once the feed has been disconnected longer than {@code papertrader.monitor.binance.unhealthy-after}: a
 * short reconnect does not take the monitor out of service. Up with {@code live: false} for replay and synthetic
 * feeds.
 */
@Readiness
@ApplicationScoped
public class FeedHealthCheck implements HealthCheck {

    private final FeedService feed;
    private final Duration unhealthyAfter;
    private final Clock clock;
    private final MeterRegistry meters;

    public FeedHealthCheck(FeedService feed, BinanceConfig config, Clock clock, MeterRegistry meters) {
        this.feed = feed;
        this.unhealthyAfter = config.unhealthyAfter();
        this.clock = clock;
        this.meters = meters;
    }

    void registerGauges(@Observes StartupEvent event) {
        if (feed.health().isEmpty()) {
            return;
        }
        gauge("papertrader.monitor.feed.connected", health -> health.connected() ? 1 : 0);
        gauge("papertrader.monitor.feed.lag", health -> health.lagMillis() == null ? Double.NaN : health.lagMillis());
        gauge("papertrader.monitor.feed.last.bar.time", health -> health.lastBarTime() == null ? Double.NaN
                : health.lastBarTime().getEpochSecond());
        gauge("papertrader.monitor.feed.duplicates", FeedHealth::duplicates);
        gauge("papertrader.monitor.feed.late", FeedHealth::late);
        gauge("papertrader.monitor.feed.malformed", FeedHealth::malformed);
        gauge("papertrader.monitor.feed.reconnects", FeedHealth::reconnects);
        gauge("papertrader.monitor.feed.recovered.bars", FeedHealth::recoveredBars);
        gauge("papertrader.monitor.feed.rate.limited", FeedHealth::rateLimited);
    }

    private void gauge(String name, ToDoubleFunction<FeedHealth> value) {
        meters.gauge(name, feed, service -> service.health().map(value::applyAsDouble).orElse(Double.NaN));
    }

    @Override
    public HealthCheckResponse call() {
        Optional<FeedHealth> live = feed.health();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("market-data-feed").withData("live",
                live.isPresent());
        if (live.isEmpty()) {
            return response.up().build();
        }
        FeedHealth health = live.get();
        response.withData("type", health.type()).withData("connected", health.connected())
                .withData("subscribed", String.join(",", health.subscribed()))
                .withData("lastBarTime", String.valueOf(health.lastBarTime()))
                .withData("lagMillis", String.valueOf(health.lagMillis()))
                .withData("recovering", health.recovering())
                .withData("reconnects", health.reconnects()).withData("duplicates", health.duplicates())
                .withData("malformed", health.malformed()).withData("rateLimited", health.rateLimited());
        boolean down = !feed.status().running() ? false : !health.connected() && health.disconnectedSince() != null
                && Duration.between(health.disconnectedSince(), clock.instant()).compareTo(unhealthyAfter) > 0;
        return (down ? response.down() : response.up()).build();
    }
}
