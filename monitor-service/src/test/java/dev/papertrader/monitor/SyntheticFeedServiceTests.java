package dev.papertrader.monitor;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.data.SyntheticBars;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.ServiceRole;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.amqp.AmqpMessage;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The synthetic feed with several symbols, started with the service (autostart), under its own profile (a second
 * boot, on an emptied schema).
 */
@QuarkusTest
@TestProfile(SyntheticFeedServiceTests.Synthetic.class)
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class SyntheticFeedServiceTests {

    static final List<String> SYMBOLS = List.of("LOAD001", "LOAD002", "LOAD003", "LOAD004", "LOAD005");
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final int BARS = 150;

    public static class Synthetic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("papertrader.monitor.feed.type", "synthetic"),
                    Map.entry("papertrader.monitor.feed.autostart", "true"),
                    Map.entry("papertrader.monitor.feed.speed", "10"), // 15 s: time to break the database mid-run
                    Map.entry("papertrader.monitor.feed.synthetic.symbols", "5"),
                    Map.entry("papertrader.monitor.feed.synthetic.symbol-prefix", "LOAD"),
                    Map.entry("papertrader.monitor.feed.synthetic.seed", "11"),
                    Map.entry("papertrader.monitor.feed.synthetic.timeframe", "5m"),
                    Map.entry("papertrader.monitor.feed.synthetic.bars", String.valueOf(BARS)),
                    Map.entry("papertrader.monitor.watchlist.seed-strategies", "macd-crossover,tsi-momentum"),
                    Map.entry("papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".fastPeriod", "6"),
                    Map.entry("papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".slowPeriod", "13"));
        }
    }

    /**
     * Also a database failure in the middle: the bars table is renamed away for a while, so slices fail to commit
     * (and reloading fails too) until it is back; the feed retries, rebuilds its strategies from what was committed
     * and goes on, and the stream still has every slice exactly once and the backtest's signals.
     */
    @Test
    void everySliceCarriesOneBarOfEachSymbolAndTheStrategiesRunOnAllThroughADatabaseFailure() throws Exception {
        asTrader().get("/api/monitor/watchlist").then().statusCode(200).body("size()", is(10))
                .body("[0].symbol", equalTo("LOAD001")).body("[0].timeframe", equalTo("5m"))
                .body("[0].parameters.fastPeriod", equalTo("6")).body("[1].strategy", equalTo("tsi-momentum"));

        List<AmqpMessage> barMessages;
        try (AmqpProbe probe = new AmqpProbe(); AmqpProbe.Inbox bars = probe.receive(ReplayPublishingTests.BARS_QUEUE)) {
            // The feed started with the service (autostart); what the queue still holds from the replay profile is
            // told apart by its 2013 times.
            bars.until(received -> sliceEnds(received) >= 10, Duration.ofSeconds(60));
            try (Connection database = monitorDatabase()) {
                database.createStatement().execute("alter table bars rename to bars_away");
                waitForFailedCommit();
                Thread.sleep(600); // a few retries (every 200 ms in the test profile) fail to reload
                database.createStatement().execute("alter table bars_away rename to bars");
            }
            bars.until(received -> sliceEnds(received) == BARS, Duration.ofSeconds(60));
            barMessages = ofThisFeed(bars.settle(Duration.ofMillis(500)));
        }
        ReplayPublishingTests.waitUntilEnded();

        List<Bar> expectedBars = SyntheticBars.generate(11, SYMBOLS, "5m", START, Duration.ofMinutes(5), BARS);
        List<Bar> published = barMessages.stream().filter(m -> ReplayPublishingTests.type(m).equals("bar"))
                .map(m -> JsonCodec.decode(ReplayPublishingTests.body(m), Bar.class)).toList();
        assertThat(published).isEqualTo(expectedBars);
        assertThat(barMessages).hasSize(BARS * (SYMBOLS.size() + 1));

        BacktestConfig config = new BacktestConfig("load", new BigDecimal("100000"), List.of(
                new StrategySpec("macd-crossover", Map.of("fastPeriod", "6", "slowPeriod", "13")),
                StrategySpec.of("tsi-momentum")), RouterConfig.defaults(), ExecutionConfig.defaults(),
                PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
        List<Signal> expectedSignals = new BacktestEngine(config).run(expectedBars).signals();
        var stored = ReplayPublishingTests.signals("order=oldest&size=1000");
        assertThat(expectedSignals).isNotEmpty();
        assertThat(stored.items().stream().map(ReplayPublishingTests::signal).toList()).isEqualTo(expectedSignals);
        asTrader().get("/api/monitor/feed").then().body("slicesPublished", is(BARS)).body("instruments.size()", is(5));
    }

    /** The messages of this feed (its times are in 2024), not those left over from the replay profile. */
    static List<AmqpMessage> ofThisFeed(List<AmqpMessage> messages) {
        return messages.stream().filter(m -> m.id().contains("|2024-")).toList();
    }

    static int sliceEnds(List<AmqpMessage> messages) {
        return ReplayPublishingTests.sliceEnds(ofThisFeed(messages));
    }

    /** A JDBC connection as the monitor's own role. */
    static Connection monitorDatabase() throws Exception {
        Map<String, String> config = LocalInfraTestResource.configFor(ServiceRole.MONITOR);
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }

    static void waitForFailedCommit() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (asTrader().get("/api/monitor/feed").then().extract().<Integer>path("failedCommits") < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no failed commit within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
