package dev.papertrader.router;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.router.AmqpTestClient.Received;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the router's {@code @QuarkusTest}s share: an AMQP client playing the neighbours ({@link Upstream}), readers of
 * the router's outputs ({@code trading.orders}, the monitor's {@code trading.decisions} queue, {@code dead.letters}),
 * fresh slice times and REST helpers.
 *
 * <p>The router keeps its state across the tests of one boot (the database and broker are shared), and slices are
 * decided in time order: each test takes new, later slice times from {@link #nextSlice()} and closes every slice it
 * opens.
 */
abstract class RouterTestSupport {

    /** Slices of the first boot: daily from 2030-01-01 on. The restart tests use 2031. */
    private static final AtomicReference<Instant> LAST_SLICE = new AtomicReference<>(Instant.parse("2029-12-31T00:00:00Z"));

    static AmqpTestClient amqp;
    static Upstream upstream;
    static AmqpTestClient.Reader orders;
    static AmqpTestClient.Reader decisions;
    static AmqpTestClient.Reader deadLetters;

    @BeforeAll
    static void connect() {
        amqp = new AmqpTestClient(LocalInfraTestResource.amqpHost(), LocalInfraTestResource.amqpPort());
        upstream = new Upstream(amqp);
        orders = amqp.read("trading.orders");
        decisions = amqp.read("trading.decisions::trading.decisions.monitor");
        deadLetters = amqp.read("dead.letters");
    }

    @AfterAll
    static void disconnect() {
        amqp.close();
    }

    /** A slice time after every one used so far. */
    static Instant nextSlice() {
        return LAST_SLICE.updateAndGet(last -> last.plus(Duration.ofDays(1)));
    }

    static boolean isRouterSliceEnd(Received message, Instant time) {
        return Upstream.routerSliceEnd(time).equals(message.id());
    }

    /**
     * The messages on {@code trading.orders} up to the router's slice-end of {@code time}: the orders of the given
     * symbols, then that slice-end.
     */
    static List<Received> ordersThroughSliceEnd(Instant time, String... symbols) {
        List<String> wanted = List.of(symbols);
        return orders.until(m -> isRouterSliceEnd(m, time)
                        || ("order".equals(m.type()) && wanted.contains(m.json().getString("symbol"))),
                m -> isRouterSliceEnd(m, time));
    }

    /** The orders received so far (or within {@code wait}) for {@code symbol}. */
    static List<Received> ordersOf(String symbol, Duration wait) {
        return orders.during(wait, m -> "order".equals(m.type()) && symbol.equals(m.json().getString("symbol")));
    }

    /** The first order for {@code symbol}, waiting for it. */
    static Received orderOf(String symbol) {
        return orders.first(m -> "order".equals(m.type()) && symbol.equals(m.json().getString("symbol")));
    }

    /** The decision about {@code signalId} on {@code trading.decisions}, waiting for it. */
    static Received decisionMessage(String signalId) {
        return decisions.first(m -> signalId.equals(m.json().getString("signalId")));
    }

    /** A GET answering 200, its body read as papertrader JSON (decimals exact). */
    static JsonNode getJson(String path, Object... queryNameValues) {
        var request = asTrader().accept(ContentType.JSON);
        for (int i = 0; i < queryNameValues.length; i += 2) {
            request = request.queryParam((String) queryNameValues[i], queryNameValues[i + 1]);
        }
        return json(request.get(path).then().statusCode(200).extract().asString());
    }

    static JsonNode json(String text) {
        try {
            return JsonCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The decisions stored about {@code symbol}, newest first. */
    static JsonNode decisionsOf(String symbol) {
        return getJson("/api/router/decisions", "symbol", symbol).get("items");
    }

    /** Polls {@code GET /status} until {@code condition} holds (or fails after 20 s); returns that status. */
    static JsonNode statusWhen(Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        JsonNode status = getJson("/api/router/status");
        while (!condition.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status never matched; last: " + status);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            status = getJson("/api/router/status");
        }
        return status;
    }

    /** Whether {@code status} holds slice {@code time} with its monitor slice-end and {@code signals} signals. */
    static boolean holdsSlice(JsonNode status, Instant time, int signals) {
        for (JsonNode slice : status.get("pendingSlices")) {
            if (slice.get("time").asText().equals(time.toString())) {
                return slice.get("monitorSliceEnd").asBoolean() && slice.get("signals").asInt() == signals;
            }
        }
        return false;
    }
}
