package dev.papertrader.monitor.feed.binance;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static dev.papertrader.localstack.testing.ApiRequests.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.monitor.backfill.BackfillJob;
import dev.papertrader.monitor.backfill.BackfillTests;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The monitor with {@code feed.type=binance} against {@link FakeBinance} (its own profile: one more boot): slices
 * stored and published through the feed service, health and feed-status events, watchlist changes that subscribe and
 * unsubscribe, and the Binance backfill source with a rate-limit answer.
 */
@QuarkusTest
@TestProfile(BinanceLiveFeedTests.Binance.class)
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BinanceLiveFeedTests {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    public static class Binance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("papertrader.monitor.feed.type", "binance"),
                    Map.entry("papertrader.monitor.feed.autostart", "false"),
                    Map.entry("papertrader.monitor.binance.symbols", "BTCUSDT"),
                    Map.entry("papertrader.monitor.binance.interval", "1m"),
                    Map.entry("papertrader.monitor.binance.history-bars", "5"),
                    Map.entry("papertrader.monitor.binance.poll-interval", "50ms"),
                    Map.entry("papertrader.monitor.binance.reconnect-initial", "100ms"),
                    Map.entry("papertrader.monitor.watchlist.seed-strategies", "macd-crossover"),
                    Map.entry("papertrader.monitor.events.buffer-size", "100"));
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(FakeBinanceResource.class));
        }
    }

    @Test
    @Order(1)
    void theLiveBarsAreStoredAndPublishedAsSlicesWithHealthAndStatusEvents() throws Exception {
        FakeBinance exchange = FakeBinanceResource.exchange;
        asViewer().get("/api/monitor/watchlist").then().statusCode(200).body("[0].symbol", equalTo("BTCUSDT"))
                .body("[0].timeframe", equalTo("1m"));
        asTrader().post("/api/monitor/feed/start").then().statusCode(200).body("type", equalTo("binance"));

        // 5 history bars from REST, then the 5 closed bars of the stream
        await().atMost(TIMEOUT).until(() -> asViewer().get("/api/monitor/feed").then().extract()
                .<Integer>path("slicesPublished") == 10);
        assertThat(BackfillTests.count("select count(*) from bars where symbol = 'BTCUSDT'")).isEqualTo(10);
        assertThat(BackfillTests.count("select count(*) from bars where symbol = 'BTCUSDT'"
                + " and open_time = '2013-11-25T00:05:00Z'")).isEqualTo(1);
        assertThat(exchange.received).first().isEqualTo(
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@kline_1m\"],\"id\":1}");

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'market-data-feed' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'market-data-feed' }.data.connected", is(true))
                .body("checks.find { it.name == 'market-data-feed' }.data.lastBarTime", equalTo("2013-11-25T00:14:00Z"));
        asViewer().get("/api/monitor/events?limit=50").then().statusCode(200)
                .body("findAll { it.type == 'feed-status' }.body.state", hasItem("connected"))
                .body("findAll { it.type == 'feed-status' }.body.state", hasItem("recovered"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("papertrader_monitor_feed_connected 1.0")
                .contains("papertrader_monitor_feed_recovered_bars 5.0");
    }

    @Test
    @Order(2)
    void watchlistEntriesSubscribeAndUnsubscribeTheirSymbols() {
        FakeBinance exchange = FakeBinanceResource.exchange;
        int before = exchange.received.size();
        int id = asTrader().contentType(ContentType.JSON)
                .body("{\"symbol\":\"ETHUSDT\",\"timeframe\":\"1m\",\"strategy\":\"macd-crossover\"}")
                .post("/api/monitor/watchlist").then().statusCode(201).extract().path("id");
        await().atMost(TIMEOUT).until(() -> exchange.received.size() == before + 1);
        assertThat(exchange.received.get(before)).contains("\"SUBSCRIBE\"").contains("ethusdt@kline_1m");

        asTrader().delete("/api/monitor/watchlist/" + id).then().statusCode(204);
        await().atMost(TIMEOUT).until(() -> exchange.received.size() == before + 2);
        assertThat(exchange.received.get(before + 1)).contains("\"UNSUBSCRIBE\"").contains("ethusdt@kline_1m");
    }

    @Test
    @Order(3)
    void theBinanceBackfillSourceWaitsOutARateLimitAndLoadsTheRange() throws Exception {
        FakeBinance exchange = FakeBinanceResource.exchange;
        exchange.rateLimitNext(1, 1);
        int requestsBefore = exchange.restRequests.size();
        String id = asTrader().contentType(ContentType.JSON).body("""
                        {"symbol":"BTCUSDT","interval":"1m","from":"2013-11-25T00:00:00Z","to":"2013-11-25T01:00:00Z",
                         "source":"binance","strategies":[{"name":"macd-crossover"}]}""")
                .post("/api/monitor/backfill").then().statusCode(202).extract().path("id");
        BackfillJob job = BackfillTests.awaitDoneFor(id);
        assertThat(job.status()).isEqualTo(BackfillJob.DONE);
        assertThat(job.report().bars()).isEqualTo(60);
        // the live feed's 10 bars were there already: stored once
        assertThat(BackfillTests.count("select count(*) from bars where symbol = 'BTCUSDT'")).isEqualTo(60);
        // the 429, then its retry after Retry-After: one page holds the hour
        assertThat(exchange.restRequests.size() - requestsBefore).isEqualTo(2);
        assertThat(JsonCodec.encode(job.report())).contains("\"horizons\"");
    }
}
