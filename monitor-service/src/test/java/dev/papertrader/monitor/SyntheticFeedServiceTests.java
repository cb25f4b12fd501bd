package dev.papertrader.monitor;

import static io.restassured.RestAssured.given;
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
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.amqp.AmqpMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The synthetic feed with several symbols, under its own profile (a second boot, on an emptied schema). */
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
            return Map.of("papertrader.monitor.feed.type", "synthetic",
                    "papertrader.monitor.feed.synthetic.symbols", "5",
                    "papertrader.monitor.feed.synthetic.symbol-prefix", "LOAD",
                    "papertrader.monitor.feed.synthetic.seed", "11",
                    "papertrader.monitor.feed.synthetic.timeframe", "5m",
                    "papertrader.monitor.feed.synthetic.bars", String.valueOf(BARS),
                    "papertrader.monitor.watchlist.seed-strategies", "macd-crossover,tsi-momentum",
                    "papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".fastPeriod", "6",
                    "papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".slowPeriod", "13");
        }
    }

    @Test
    void everySliceCarriesOneBarOfEachSymbolAndTheStrategiesRunOnAll() {
        given().get("/watchlist").then().statusCode(200).body("size()", is(10))
                .body("[0].symbol", equalTo("LOAD001")).body("[0].timeframe", equalTo("5m"))
                .body("[0].parameters.fastPeriod", equalTo("6")).body("[1].strategy", equalTo("tsi-momentum"));

        List<AmqpMessage> barMessages;
        try (AmqpProbe probe = new AmqpProbe()) {
            probe.drain(ReplayPublishingTests.BARS_QUEUE);
            probe.drain(ReplayPublishingTests.SIGNALS_QUEUE);
            try (AmqpProbe.Inbox bars = probe.receive(ReplayPublishingTests.BARS_QUEUE)) {
                given().post("/feed/start").then().statusCode(200).body("type", equalTo("synthetic"));
                barMessages = bars.until(received -> ReplayPublishingTests.sliceEnds(received) == BARS,
                        Duration.ofSeconds(60));
            }
            probe.drain(ReplayPublishingTests.SIGNALS_QUEUE);
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
        given().get("/feed").then().body("slicesPublished", is(BARS)).body("instruments.size()", is(5));
    }
}
