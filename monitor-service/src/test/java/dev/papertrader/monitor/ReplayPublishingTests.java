package dev.papertrader.monitor;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.data.CsvBars;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.monitor.feed.ReplayFeed;
import dev.papertrader.monitor.feed.TimeSlice;
import dev.papertrader.monitor.rest.SignalResponse;
import dev.papertrader.service.rest.Page;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.localstack.security.ApiRole;
import dev.papertrader.localstack.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.amqp.AmqpMessage;
import java.net.URI;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The test profile's replay (AAPL 2013 merged with a CSV of XYZ for 2013 Q1, every symbol × the three seed
 * strategies) published end to end, with a stop and a resume in the middle, read back from the broker and the
 * database, against an in-process run of the same bars.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayPublishingTests {

    static final String BARS_QUEUE = "market.bars::market.bars.orders";
    static final String SIGNALS_QUEUE = "trading.signals";
    static final List<String> STRATEGIES = List.of("macd-crossover", "rsi-divergence", "tsi-momentum");

    static List<TimeSlice> slices;
    static List<Signal> expectedSignals;
    static List<AmqpMessage> barMessages;
    static List<AmqpMessage> signalMessages;
    static List<JsonNode> alerts;

    @TestHTTPResource("/")
    URI root;

    @BeforeAll
    static void expectations() throws IOException {
        List<Bar> xyz;
        try (Reader csv = Files.newBufferedReader(Path.of("src/test/resources/xyz-2013q1.csv"))) {
            xyz = CsvBars.read(csv, "XYZ", "1d");
        }
        ReplayFeed replay = ReplayFeed.of(List.of(new ReplayFeed.Source("aapl-2013", BundledData.load("aapl-2013").bars()),
                new ReplayFeed.Source("xyz", xyz)), false);
        slices = TestData.drain(replay, 10_000);
        List<Bar> bars = slices.stream().flatMap(slice -> slice.bars().stream()).toList();
        BacktestConfig config = new BacktestConfig("reference", new BigDecimal("100000"),
                STRATEGIES.stream().map(StrategySpec::of).toList(), RouterConfig.defaults(), ExecutionConfig.defaults(),
                PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
        expectedSignals = new BacktestEngine(config).run(bars).signals();
    }

    @Test
    @Order(1)
    void theWatchlistIsSeededWithEverySymbolTimesTheSeedStrategies() {
        List<Map<String, Object>> entries = asTrader().get("/api/monitor/watchlist").then().statusCode(200).extract().jsonPath()
                .getList("$");

        assertThat(entries.subList(0, 6)).extracting(e -> e.get("symbol") + " " + e.get("timeframe") + " "
                + e.get("strategy") + " " + e.get("enabled")).containsExactly(
                "AAPL 1d macd-crossover true", "AAPL 1d rsi-divergence true", "AAPL 1d tsi-momentum true",
                "XYZ 1d macd-crossover true", "XYZ 1d rsi-divergence true", "XYZ 1d tsi-momentum true");
        asTrader().get("/api/monitor/feed").then().statusCode(200).body("type", equalTo("replay")).body("running", is(false))
                .body("slicesPublished", is(0)).body("instruments.symbol", equalTo(List.of("AAPL", "XYZ")));
    }

    @Test
    @Order(2)
    void theReplayIsPublishedOnceWithAStopAndAResumeInTheMiddle() throws Exception {
        try (AmqpProbe probe = new AmqpProbe();
                AlertsTests.RawAlertsClient alertsClient = new AlertsTests.RawAlertsClient(root,
                        "?types=signal,feed-status", TestTokens.bearer(ApiRole.VIEWER))) {
            assertThat(alertsClient.nextMessage().get("type").asText()).isEqualTo("subscribed");
            // read as they come, until the feed-status of the end
            List<JsonNode> alertsReceived = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    JsonNode alert;
                    do {
                        alert = alertsClient.nextMessage();
                        alertsReceived.add(alert);
                    } while (!alert.get("payload").path("ended").asBoolean());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            probe.drain(BARS_QUEUE);
            probe.drain(SIGNALS_QUEUE);
            try (AmqpProbe.Inbox bars = probe.receive(BARS_QUEUE); AmqpProbe.Inbox signals = probe.receive(SIGNALS_QUEUE)) {
                asTrader().queryParam("speed", 100).post("/api/monitor/feed/start").then().statusCode(200).body("running", is(true))
                        .body("speed", is(100.0f));
                bars.until(received -> sliceEnds(received) >= 60, Duration.ofSeconds(30));
                asTrader().post("/api/monitor/feed/stop").then().statusCode(200).body("running", is(false));
                int stoppedAfter = asTrader().get("/api/monitor/feed").then().extract().path("slicesPublished");
                assertThat(stoppedAfter).as("stopped in the middle").isBetween(60, slices.size() - 1);

                // A start reloads the position and warms fresh strategies up from the stored bars: a restart.
                asTrader().queryParam("speed", 0).post("/api/monitor/feed/start").then().statusCode(200).body("running", is(true));
                bars.until(received -> sliceEnds(received) == slices.size(), Duration.ofSeconds(60));
                signals.until(received -> sliceEnds(received) == slices.size(), Duration.ofSeconds(60));
                barMessages = bars.settle(Duration.ofMillis(500));
                signalMessages = signals.settle(Duration.ofMillis(300));
            }
            waitUntilEnded();
            reader.get(30, TimeUnit.SECONDS);
            alerts = List.copyOf(alertsReceived);
        }
        asTrader().get("/api/monitor/feed").then().body("running", is(false)).body("ended", is(true))
                .body("slicesPublished", is(slices.size())).body("lastSliceTime", equalTo("2013-12-31T00:00:00Z"))
                .body("failedCommits", is(0));
    }

    @Test
    @Order(9)
    void theAlertsStreamCarriesTheSignalsOnceCommittedAndEveryStartStopAndEndOfTheFeed() {
        // the test profile's client buffer is 8: a burst may drop some signals, and a notice says how many
        List<String> signalIds = alerts.stream().filter(alert -> alert.get("type").asText().equals("signal"))
                .map(alert -> alert.get("payload").get("id").asText()).toList();
        long dropped = alerts.stream().filter(alert -> alert.get("type").asText().equals("dropped"))
                .mapToLong(alert -> alert.get("payload").get("dropped").asLong()).sum();
        List<String> feedStatus = alerts.stream().filter(alert -> alert.get("type").asText().equals("feed-status"))
                .map(alert -> alert.get("payload")).map(status -> status.get("running").asBoolean() ? "running"
                        : status.get("ended").asBoolean() ? "ended" : "stopped").toList();

        assertThat(feedStatus).last().isEqualTo("ended");
        if (dropped == 0) {
            assertThat(feedStatus).containsExactly("running", "stopped", "running", "ended");
        }
        assertThat(signalIds.size() + dropped).isGreaterThanOrEqualTo(expectedSignals.size());
        assertThat(expectedSignals.stream().map(Signal::id).toList()).containsSubsequence(signalIds);
        JsonNode first = alerts.stream().filter(alert -> alert.get("type").asText().equals("signal")).findFirst()
                .orElseThrow();
        Signal signal = expectedSignals.stream().filter(s -> s.id().equals(first.get("payload").get("id").asText()))
                .findFirst().orElseThrow();
        assertThat(first.get("time").asText()).isEqualTo(signal.barTime().toString());
        assertThat(first.get("symbol").asText()).isEqualTo(signal.symbol());
        assertThat(first.has("account")).isFalse();
    }

    @Test
    @Order(3)
    void marketBarsCarriesEveryBarOnceThenItsSliceEndSliceBySlice() {
        List<String> expected = new ArrayList<>();
        for (TimeSlice slice : slices) {
            slice.bars().forEach(bar -> expected.add("bar " + bar.id()));
            expected.add("slice-end monitor|market.bars|" + slice.time());
        }
        assertThat(barMessages.stream().map(m -> type(m) + " " + m.id()).toList()).isEqualTo(expected);

        List<Bar> published = barMessages.stream().filter(m -> type(m).equals("bar"))
                .map(m -> JsonCodec.decode(body(m), Bar.class)).toList();
        assertThat(published).isEqualTo(slices.stream().flatMap(slice -> slice.bars().stream()).toList());
        List<SliceEnd> ends = barMessages.stream().filter(m -> type(m).equals("slice-end"))
                .map(m -> JsonCodec.decode(body(m), SliceEnd.class)).toList();
        for (int i = 0; i < slices.size(); i++) {
            // each names the slice published before it (for the first, whatever earlier tests had the monitor publish)
            Instant previous = i == 0 ? ends.get(0).previous() : slices.get(i - 1).time();
            assertThat(ends.get(i)).isEqualTo(SliceEnd.of("monitor", "market.bars", slices.get(i).time(),
                    slices.get(i).bars().size(), previous));
        }
        if (ends.get(0).previous() != null) {
            assertThat(ends.get(0).previous()).isBefore(slices.get(0).time());
        }
    }

    @Test
    @Order(4)
    void tradingSignalsCarriesTheBacktestsSignalsThenASliceEndForEverySlice() {
        assertThat(expectedSignals).hasSizeGreaterThan(20);
        Map<Instant, List<Signal>> bySlice = expectedSignals.stream()
                .collect(Collectors.groupingBy(Signal::barTime, Collectors.toList()));
        List<String> expected = new ArrayList<>();
        for (TimeSlice slice : slices) {
            List<Signal> ofSlice = bySlice.getOrDefault(slice.time(), List.of());
            ofSlice.forEach(signal -> expected.add("signal " + signal.id()));
            expected.add("slice-end monitor|trading.signals|" + slice.time() + " " + ofSlice.size());
        }
        assertThat(signalMessages.stream().map(m -> type(m) + " " + m.id() + (type(m).equals("slice-end")
                ? " " + JsonCodec.decode(body(m), SliceEnd.class).count() : "")).toList()).isEqualTo(expected);

        List<Signal> published = signalMessages.stream().filter(m -> type(m).equals("signal"))
                .map(m -> JsonCodec.decode(body(m), Signal.class)).toList();
        assertThat(published).allSatisfy(signal -> assertThat(signal.emittedAt()).isNotNull());
        assertThat(published.stream().map(ReplayPublishingTests::withoutEmittedAt).toList()).isEqualTo(expectedSignals);
    }

    @Test
    @Order(5)
    void theStoredSignalsAreTheBacktestsInEmissionOrder() {
        Page<SignalResponse> page = signals("order=oldest&size=1000");

        assertThat(page.total()).isEqualTo(expectedSignals.size());
        assertThat(page.items().stream().map(ReplayPublishingTests::signal).toList()).isEqualTo(expectedSignals);
        assertThat(page.items()).allSatisfy(s -> assertThat(s.timeframe()).isEqualTo("1d"));
    }

    @Test
    @Order(6)
    void signalsCanBeFilteredAndPaged() {
        List<Signal> xyzBuys = expectedSignals.stream()
                .filter(s -> s.symbol().equals("XYZ") && s.type() == SignalType.BUY).toList();
        Page<SignalResponse> filtered = signals("symbol=XYZ&type=buy&order=oldest&size=1000");
        assertThat(filtered.items().stream().map(ReplayPublishingTests::signal).toList()).isEqualTo(xyzBuys);

        Instant from = Instant.parse("2013-06-01T00:00:00Z");
        Instant to = Instant.parse("2013-07-01T00:00:00Z");
        List<Signal> june = expectedSignals.stream()
                .filter(s -> s.strategy().equals("macd-crossover") && !s.barTime().isBefore(from) && s.barTime().isBefore(to))
                .toList();
        Page<SignalResponse> inJune = signals("strategy=macd-crossover&from=2013-06-01&to=2013-07-01T00:00:00Z&order=oldest");
        assertThat(inJune.items().stream().map(ReplayPublishingTests::signal).toList()).isEqualTo(june);

        List<Signal> newestFirst = new ArrayList<>(expectedSignals);
        Collections.reverse(newestFirst);
        Page<SignalResponse> second = signals("size=5&page=1");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(5);
        assertThat(second.total()).isEqualTo(expectedSignals.size());
        // Newest first: by bar time descending, the signals of one slice in reverse emission order.
        assertThat(second.items().stream().map(ReplayPublishingTests::signal).toList())
                .isEqualTo(newestFirst.subList(5, 10));
    }

    @Test
    @Order(7)
    void badSignalQueriesAre400Problems() {
        asTrader().get("/api/monitor/signals?type=HOLD").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("type"));
        asTrader().get("/api/monitor/signals?from=yesterday").then().statusCode(400).body("violations[0].field", equalTo("from"));
        asTrader().get("/api/monitor/signals?order=random").then().statusCode(400).body("violations[0].field", equalTo("order"));
        asTrader().get("/api/monitor/signals?size=0").then().statusCode(400).body("violations[0].field", equalTo("size"));
        asTrader().post("/api/monitor/feed/start?speed=-1").then().statusCode(400).body("violations[0].field", equalTo("speed"));
    }

    @Test
    @Order(8)
    void startingAnEndedReplayPublishesNothingMore() {
        try (AmqpProbe probe = new AmqpProbe(); AmqpProbe.Inbox bars = probe.receive(BARS_QUEUE)) {
            asTrader().post("/api/monitor/feed/start").then().statusCode(200);
            waitUntilEnded();
            assertThat(bars.settle(Duration.ofMillis(500))).isEmpty();
        }
        asTrader().get("/api/monitor/feed").then().body("slicesPublished", is(slices.size()));
    }

    static int sliceEnds(List<AmqpMessage> messages) {
        return (int) messages.stream().filter(m -> type(m).equals("slice-end")).count();
    }

    static String body(AmqpMessage message) {
        return message.bodyAsBinary().toString(StandardCharsets.UTF_8);
    }

    static String type(AmqpMessage message) {
        return message.applicationProperties().getString("type");
    }

    static Signal withoutEmittedAt(Signal s) {
        return new Signal(s.id(), s.strategy(), s.symbol(), s.type(), s.strength(), s.barTime(), s.price(), null, s.atr());
    }

    static Signal signal(SignalResponse s) {
        return new Signal(s.id(), s.strategy(), s.symbol(), SignalType.valueOf(s.type()), s.strength(), s.barTime(),
                s.price(), null, s.atr());
    }

    static Page<SignalResponse> signals(String query) {
        String json = asTrader().get("/api/monitor/signals?" + query).then().statusCode(200).extract().asString();
        try {
            return JsonCodec.mapper().readValue(json, new TypeReference<Page<SignalResponse>>() {
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void waitUntilEnded() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(asTrader().get("/api/monitor/feed").then().extract().path("ended"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replay did not end within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
