package dev.papertrader.monitor.backfill;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static dev.papertrader.localstack.testing.ApiRequests.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.performance.ForwardReturns;
import dev.papertrader.core.strategy.StrategyParameters;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.core.strategy.TradingStrategy;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.ServiceRole;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backfill from the bundled data and from CSV, through the REST operation, on the default test profile. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
public class BackfillTests {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static BackfillJob awaitDone(String id) {
        return awaitDoneFor(id);
    }

    /** Polls the job until it is done or failed. */
    public static BackfillJob awaitDoneFor(String id) {
        BackfillJob[] job = new BackfillJob[1];
        await().atMost(TIMEOUT).until(() -> {
            job[0] = JsonCodec.decode(asViewer().get("/api/monitor/backfill/" + id).then().statusCode(200).extract()
                    .asString(), BackfillJob.class);
            return BackfillJob.DONE.equals(job[0].status()) || BackfillJob.FAILED.equals(job[0].status());
        });
        return job[0];
    }

    static String post(String body) {
        return asTrader().contentType(ContentType.JSON).body(body).post("/api/monitor/backfill").then().statusCode(202)
                .extract().path("id");
    }

    public static long count(String sql) throws Exception {
        Map<String, String> config = LocalInfraTestResource.configFor(ServiceRole.MONITOR);
        try (Connection database = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                ResultSet rows = database.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aBundledDayIsStoredOnceAndTheReportScoresTheStrategiesSignals() throws Exception {
        String body = """
                {"symbol":"BTCBF","interval":"1m","from":"2013-11-26","to":"2013-11-26","source":"bundled:btc-bitstamp-2013-1m",
                 "strategies":[{"name":"macd-crossover"},{"name":"rsi-divergence","parameters":{"rsiPeriod":"10"}}]}""";
        String id = post(body);
        BackfillJob job = awaitDone(id);
        assertThat(job.status()).isEqualTo(BackfillJob.DONE);

        // expected: the day's bars relabelled, fresh strategies over them, trading-core's statistics
        Instant from = Instant.parse("2013-11-26T00:00:00Z");
        Instant to = Instant.parse("2013-11-27T00:00:00Z");
        List<Bar> day = BundledData.load("btc-bitstamp-2013-1m").bars().stream()
                .filter(b -> !b.openTime().isBefore(from) && b.openTime().isBefore(to))
                .map(b -> new Bar("BTCBF", "1m", b.openTime(), b.open(), b.high(), b.low(), b.close(), b.volume()))
                .toList();
        StrategyRegistry registry = StrategyRegistry.builtIn();
        List<TradingStrategy> strategies = List.of(
                registry.create("macd-crossover", "BTCBF", StrategyParameters.of(Map.of())),
                registry.create("rsi-divergence", "BTCBF", StrategyParameters.of(Map.of("rsiPeriod", "10"))));
        List<Signal> signals = new ArrayList<>();
        for (Bar bar : day) {
            strategies.forEach(strategy -> signals.addAll(strategy.onBar(bar)));
        }
        List<ForwardReturns.StrategyStats> expected = ForwardReturns.compute(day, signals,
                ForwardReturns.DEFAULT_HORIZONS);
        assertThat(day).hasSizeGreaterThan(1000);
        assertThat(signals).isNotEmpty();

        BackfillReport report = job.report();
        assertThat(report.bars()).isEqualTo(day.size());
        assertThat(job.barsLoaded()).isEqualTo(day.size());
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(report.strategies()).extracting(BackfillReport.StrategyReport::strategy)
                .containsExactly("macd-crossover", "rsi-divergence");
        for (BackfillReport.StrategyReport line : report.strategies()) {
            ForwardReturns.StrategyStats stats = expected.stream().filter(s -> s.strategy().equals(line.strategy()))
                    .findFirst().orElseThrow();
            assertThat(line.signals()).isEqualTo(stats.signals());
            assertThat(line.horizons()).isEqualTo(stats.horizons());
        }
        assertThat(report.strategies().get(1).parameters()).containsEntry("rsiPeriod", "10");
        assertThat(count("select count(*) from bars where symbol = 'BTCBF'")).isEqualTo(day.size());
        assertThat(count("select count(*) from backfill_signals where job_id = '" + id + "'")).isEqualTo(signals.size());
        // backfill signals are not live signals
        assertThat(count("select count(*) from signals where symbol = 'BTCBF'")).isZero();

        // the same request is the same job: nothing loaded twice
        assertThat(post(body)).isEqualTo(id);
        assertThat(awaitDone(id).barsLoaded()).isEqualTo(day.size());
        assertThat(count("select count(*) from bars where symbol = 'BTCBF'")).isEqualTo(day.size());
    }

    @Test
    void aFailedJobResumesWhenAskedAgain() throws Exception {
        Path csv = Files.createTempFile("backfill", ".csv");
        Files.delete(csv);
        String body = """
                {"symbol":"CSVBF","interval":"1d","from":"2020-01-01","to":"2020-01-10","source":"csv:%s",
                 "strategies":[{"name":"macd-crossover"}]}""".formatted(csv);
        String id = post(body);
        BackfillJob failed = awaitDone(id);
        assertThat(failed.status()).isEqualTo(BackfillJob.FAILED);
        assertThat(failed.error()).contains("cannot read");

        Files.writeString(csv, """
                date,open,high,low,close,volume
                2019-12-31,9,9,9,9,1
                2020-01-01,10,11,9,10.5,100
                2020-01-02,10.5,12,10,11.25,100
                2020-01-10,11,11,11,11,1
                """);
        assertThat(post(body)).isEqualTo(id);
        BackfillJob done = awaitDone(id);
        assertThat(done.status()).isEqualTo(BackfillJob.DONE);
        // [2020-01-01, 2020-01-11): the first and the last rows are outside
        assertThat(done.report().bars()).isEqualTo(3);
        assertThat(done.loadedThrough()).isEqualTo(Instant.parse("2020-01-10T00:00:00Z"));
        assertThat(count("select count(*) from bars where symbol = 'CSVBF'")).isEqualTo(3);
        Files.delete(csv);
    }

    @Test
    void badRequestsAreProblemsAndViewersMayNotStartOne() {
        asTrader().contentType(ContentType.JSON).body("""
                {"symbol":"X","interval":"1h","from":"2024-01-02","to":"2024-01-01","source":"binance"}""")
                .post("/api/monitor/backfill").then().statusCode(400).body("detail", containsString("from before to"));
        asTrader().contentType(ContentType.JSON).body("""
                {"symbol":"X","interval":"1h","from":"2024-01-01","to":"2024-01-02","source":"ftp:x"}""")
                .post("/api/monitor/backfill").then().statusCode(400).body("detail", containsString("csv:FILE"));
        asTrader().contentType(ContentType.JSON).body("""
                {"symbol":"X","interval":"7d","from":"2024-01-01","to":"2024-03-02","source":"binance"}""")
                .post("/api/monitor/backfill").then().statusCode(400).body("detail", containsString("no 7d klines"));
        asTrader().contentType(ContentType.JSON).body("""
                {"symbol":"X","interval":"1h","from":"2024-01-01","to":"2024-01-02","source":"binance",
                 "strategies":[{"name":"nope"}]}""")
                .post("/api/monitor/backfill").then().statusCode(400).body("detail", containsString("unknown strategy"));
        asViewer().contentType(ContentType.JSON).body("""
                {"symbol":"X","interval":"1h","from":"2024-01-01","to":"2024-01-02","source":"binance"}""")
                .post("/api/monitor/backfill").then().statusCode(403);
        asViewer().get("/api/monitor/backfill/nothing").then().statusCode(404).body("status", equalTo(404));
    }
}
