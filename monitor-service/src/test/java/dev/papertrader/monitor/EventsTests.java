package dev.papertrader.monitor;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The monitor drains its queues of the other services' events into a bounded buffer (5 in the test profile) shown by
 * GET /events, and pushes each to the /alerts WebSocket; what it cannot read goes to dead.letters.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class EventsTests {

    static final Instant T = Instant.parse("2013-03-01T00:00:00Z");

    @Test
    void eventsOfEveryQueueAreKeptNewestFirstUpToTheBufferSizeAndPushedToAlerts() throws Exception {
        Fill fill = new Fill("fill-1", "order-1", "acct", "AAPL", Side.BUY, new BigDecimal("10"), new BigDecimal("431.25"),
                new BigDecimal("1.00"), T);
        PortfolioSnapshot snapshot = new PortfolioSnapshot("acct", new BigDecimal("95686.50"), new BigDecimal("100000"),
                new BigDecimal("100000"), new BigDecimal("100000"), List.of(), T);
        Decision decision = new Decision("decision-1", "signal-1", "acct", "macd-crossover", "AAPL", SignalType.BUY, true,
                "sizing", "20% of equity", "order-1", new BigDecimal("10"), null, T);
        // One at a time: the three queues are read concurrently, so only what has arrived has an order.
        try (AmqpProbe probe = new AmqpProbe(); AlertsClient alerts = new AlertsClient(alertsUri)) {
            probe.send("trading.fills", "old-fill", "fill", JsonCodec.encode(fill));
            waitForEvent("old-fill");
            probe.send("trading.fills", "fill-1", "fill", JsonCodec.encode(fill));
            waitForEvent("fill-1");
            probe.send("portfolio.updates", null, "snapshot", JsonCodec.encode(snapshot));
            waitForEvent("snapshot|acct|" + T);
            probe.send("trading.decisions", "decision-1", "decision", JsonCodec.encode(decision));
            waitForEvent("decision-1");
            try (AmqpProbe.Inbox deadLetters = probe.receive("dead.letters")) {
                probe.send("trading.fills", "garbage-1", null, "not json at all");
                AmqpMessage dead = deadLetters.until(received -> !received.isEmpty(), Duration.ofSeconds(20)).get(0);
                assertThat(dead.applicationProperties().getString("original-id")).isEqualTo("garbage-1");
                assertThat(dead.applicationProperties().getString("reason")).contains("JSON");
            }
            probe.send("trading.fills", "fill-2", "fill", JsonCodec.encode(fill));
            waitForEvent("fill-2");
            probe.send("trading.fills", "fill-3", "fill", JsonCodec.encode(fill));
            waitForEvent("fill-3");
            assertThat(alerts.received(6)).extracting(json -> JsonPath.from(json).getString("id"))
                    .containsExactly("old-fill", "fill-1", "snapshot|acct|" + T, "decision-1", "fill-2", "fill-3");
        }

        asTrader().get("/api/monitor/events?limit=10").then().statusCode(200).body("", hasSize(5))
                .body("id", equalTo(List.of("fill-3", "fill-2", "decision-1", "snapshot|acct|" + T, "fill-1")))
                .body("type", equalTo(List.of("fill", "fill", "decision", "snapshot", "fill")))
                .body("address", equalTo(List.of("trading.fills", "trading.fills", "trading.decisions",
                        "portfolio.updates", "trading.fills")))
                .body("[0].body.price", is(431.25f)).body("[3].body.cash", is(95686.5f));
        asTrader().get("/api/monitor/events?limit=2").then().body("id", equalTo(List.of("fill-3", "fill-2")));
        asTrader().get("/api/monitor/events?limit=0").then().statusCode(400).contentType("application/problem+json");
    }

    @TestHTTPResource("/alerts")
    URI alertsUri;

    /** A WebSocket client of /alerts collecting the text frames it receives. */
    static final class AlertsClient implements AutoCloseable {
        private final Vertx vertx = Vertx.vertx();
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final WebSocket socket;

        AlertsClient(URI uri) throws Exception {
            WebSocketClient client = vertx.createWebSocketClient();
            socket = client.connect(uri.getPort(), uri.getHost(), "/alerts").toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(frames::add);
        }

        List<String> received(int count) throws InterruptedException {
            List<String> received = new ArrayList<>();
            while (received.size() < count) {
                String frame = frames.poll(10, TimeUnit.SECONDS);
                if (frame == null) {
                    throw new AssertionError("only " + received.size() + " alerts within 10 s: " + received);
                }
                received.add(frame);
            }
            return received;
        }

        @Override
        public void close() throws Exception {
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static void waitForEvent(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!asTrader().get("/api/monitor/events?limit=1").then().extract().jsonPath().getList("id").contains(id)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("event " + id + " did not arrive within 20 s");
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
