package dev.papertrader.router;

import static dev.papertrader.router.Upstream.buy;
import static dev.papertrader.router.Upstream.flat;
import static dev.papertrader.router.Upstream.holding;
import static dev.papertrader.router.Upstream.sell;
import static dev.papertrader.localstack.testing.ApiRequests.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.router.SignalRouter;
import dev.papertrader.router.AmqpTestClient.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The router end to end over a real broker and database: signals, watermarks, snapshots and order events in as AMQP
 * messages; orders, the router's slice-ends and decisions out; decision rows through the REST API.
 */
@QuarkusTest
@RouterTestProfile
@Order(1)
class RouterFlowTests extends RouterTestSupport {

    @Inject
    Pool pool;

    @Test
    void anAcceptedSignalBecomesAnOrderFollowedByTheRoutersSliceEndAndAStoredDecision() {
        Instant t = nextSlice();
        Signal signal = buy("FLOW", t, "81.5");

        upstream.slice(flat("10000", t), signal);

        List<Received> out = ordersThroughSliceEnd(t, "FLOW");
        assertThat(out).extracting(Received::type).containsExactly("order", "slice-end");
        JsonObject order = out.get(0).json();
        // 10 % of equity 10000 at 81.5 = 12.27 -> 12 whole shares, created at the signal's bar.
        assertThat(out.get(0).id()).isEqualTo(SignalRouter.orderId("default", signal.id())).isEqualTo(
                order.getString("id"));
        assertThat(order.getString("side")).isEqualTo("BUY");
        assertThat(order.getString("type")).isEqualTo("MARKET");
        assertThat(new BigDecimal(order.getValue("qty").toString())).isEqualByComparingTo("12");
        assertThat(order.getString("createdAt")).isEqualTo(t.toString());
        assertThat(order.getString("signalId")).isEqualTo(signal.id());
        JsonObject end = out.get(1).json();
        assertThat(end.getString("source")).isEqualTo("router");
        assertThat(end.getString("time")).isEqualTo(t.toString());
        assertThat(end.getInteger("count")).isEqualTo(1);

        JsonNode stored = decisionsOf("FLOW");
        assertThat(stored).hasSize(1);
        JsonNode decision = stored.get(0);
        assertThat(decision.get("accepted").asBoolean()).isTrue();
        assertThat(decision.get("rule").asText()).isEqualTo("accepted");
        assertThat(decision.get("reason").asText()).isEqualTo("percent-of-equity 10% of equity 10000 at 81.5 -> 12 FLOW");
        assertThat(decision.get("orderId").asText()).isEqualTo(order.getString("id"));
        assertThat(decision.get("signalId").asText()).isEqualTo(signal.id());
        assertThat(decision.get("decidedAt").asText()).isEqualTo(t.toString());
        assertThat(decision.get("price").decimalValue()).isEqualByComparingTo("81.5");
        assertThat(getJson("/api/router/decisions/" + decision.get("id").asText()).get("reason").asText())
                .isEqualTo(decision.get("reason").asText());

        Received published = decisionMessage(signal.id());
        assertThat(published.type()).isEqualTo("decision");
        assertThat(published.id()).isEqualTo(decision.get("id").asText());

        upstream.orderStatus(order.getString("id"), "FLOW", OrderStatus.CANCELED, t);
    }

    @Test
    void aSliceIsNotDecidedBeforeItsSnapshotArrives() {
        Instant t = nextSlice();
        upstream.ordersClose(t);
        upstream.monitorSlice(t, buy("WAITSNAP", t, "50"));

        JsonNode status = statusWhen(s -> holdsSlice(s, t, 1));

        assertThat(status.get("nextSlice").asText()).isEqualTo(t.toString());
        assertThat(status.get("waitingFor")).extracting(JsonNode::asText).containsExactly("snapshot");
        assertThat(orders.already(m -> isRouterSliceEnd(m, t))).isEmpty();
        assertThat(decisionsOf("WAITSNAP")).isEmpty();

        upstream.snapshot(flat("10000", t));

        List<Received> out = ordersThroughSliceEnd(t, "WAITSNAP");
        assertThat(out).extracting(Received::type).containsExactly("order", "slice-end");
        // 10 % of 10000 at 50 = 20 shares
        assertThat(new BigDecimal(out.get(0).json().getValue("qty").toString())).isEqualByComparingTo("20");
        upstream.orderStatus(out.get(0).id(), "WAITSNAP", OrderStatus.CANCELED, t);
    }

    @Test
    void aSliceIsNotDecidedBeforeTheOrderServiceHasClosedIt() {
        Instant t = nextSlice();
        upstream.monitorSlice(t, buy("WAITORD", t, "40"));
        upstream.snapshot(flat("10000", t));

        JsonNode status = statusWhen(s -> holdsSlice(s, t, 1) && s.get("waitingFor").size() == 1);

        assertThat(status.get("waitingFor")).extracting(JsonNode::asText).containsExactly("orders slice-end");
        assertThat(orders.already(m -> isRouterSliceEnd(m, t))).isEmpty();

        upstream.ordersClose(t);

        assertThat(ordersThroughSliceEnd(t, "WAITORD")).extracting(Received::type).containsExactly("order", "slice-end");
        upstream.orderStatus(orderOf("WAITORD").id(), "WAITORD", OrderStatus.CANCELED, t);
    }

    @Test
    void aSellWhileFlatIsRejectedLongOnlyAndTheSliceEndStillFollows() {
        Instant t = nextSlice();
        Signal signal = sell("SHORTY", t, "30");

        upstream.slice(flat("10000", t), signal);

        List<Received> out = ordersThroughSliceEnd(t, "SHORTY");
        assertThat(out).extracting(Received::type).containsExactly("slice-end");
        assertThat(out.get(0).json().getInteger("count")).isZero();
        JsonNode decision = decisionsOf("SHORTY").get(0);
        assertThat(decision.get("accepted").asBoolean()).isFalse();
        assertThat(decision.get("rule").asText()).isEqualTo("long-only");
        assertThat(decision.get("reason").asText())
                .isEqualTo("SELL while flat in SHORTY would open a short; the router is long-only");
        assertThat(decision.get("orderId").isNull()).isTrue();
        assertThat(decisionMessage(signal.id()).json().getString("rule")).isEqualTo("long-only");
    }

    @Test
    void aSliceWithoutSignalsStillGetsItsSliceEnd() {
        Instant t = nextSlice();

        upstream.slice(flat("10000", t));

        Received end = orders.first(m -> isRouterSliceEnd(m, t));
        assertThat(end.type()).isEqualTo("slice-end");
        assertThat(end.json().getInteger("count")).isZero();
    }

    @Test
    void orderEventsKeepTheOpenOrdersUpToDate() {
        Instant t1 = nextSlice();
        upstream.slice(flat("10000", t1), buy("OPENED", t1, "100"));
        String orderId = ordersThroughSliceEnd(t1, "OPENED").get(0).id();
        assertThat(getJson("/api/router/status").get("openOrders")).extracting(o -> o.get("orderId").asText())
                .contains(orderId);

        // t2: the order has filled (the snapshot holds it) but its FILLED status has not come: still open.
        Instant t2 = nextSlice();
        upstream.slice(holding("9000", "OPENED", "10", "100", t2), sell("OPENED", t2, "105"));
        assertThat(ordersThroughSliceEnd(t2, "OPENED")).extracting(Received::type).containsExactly("order",
                "slice-end");
        assertThat(decisionsOf("OPENED").get(0).get("rule").asText()).isEqualTo("pending-order");

        Instant t3 = nextSlice();
        upstream.orderStatus(orderId, "OPENED", OrderStatus.FILLED, t2);
        upstream.slice(holding("9000", "OPENED", "10", "106", t3), sell("OPENED", t3, "106"));

        List<Received> out = ordersThroughSliceEnd(t3, "OPENED");
        JsonObject exit = out.get(1).json();
        assertThat(exit.getString("side")).isEqualTo("SELL");
        assertThat(new BigDecimal(exit.getValue("qty").toString())).isEqualByComparingTo("10");
        assertThat(exit.getString("createdAt")).isEqualTo(t3.toString());
        assertThat(getJson("/api/router/status").get("openOrders")).extracting(o -> o.get("orderId").asText())
                .doesNotContain(orderId).contains(exit.getString("id"));
        upstream.orderStatus(exit.getString("id"), "OPENED", OrderStatus.FILLED, t3);
    }

    @Test
    void theExecutionsOfASliceAreCommittedInOneTransaction() {
        Instant t1 = nextSlice();
        upstream.slice(flat("10000", t1), buy("BATCHA", t1, "10"), buy("BATCHB", t1, "20"));
        List<Received> placed = ordersThroughSliceEnd(t1, "BATCHA", "BATCHB");
        String first = placed.get(0).id();
        String second = placed.get(1).id();

        // as the order service sends them: the slice's status changes, then its slice-end, together
        Instant t2 = nextSlice();
        amqp.sendTogether("trading.fills", List.of(
                Upstream.orderStatusMessage(first, "BATCHA", OrderStatus.FILLED, t2),
                Upstream.orderStatusMessage(second, "BATCHB", OrderStatus.FILLED, t2),
                Upstream.ordersSliceEndMessage(t2)));
        statusWhen(status -> !status.get("openOrders").toString().contains(first)
                && !status.get("openOrders").toString().contains(second));

        List<io.vertx.mutiny.sqlclient.Row> consumed = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        while (consumed.size() < 3 && System.nanoTime() < deadline) {
            consumed.clear();
            pool.preparedQuery("select received_at from inbox where consumer = $1 and message_id = any($2)")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of("trading.fills.router", new String[] {
                            first + "|FILLED", second + "|FILLED", Upstream.ordersSliceEnd(t2)}))
                    .await().atMost(Duration.ofSeconds(10)).forEach(consumed::add);
        }
        assertThat(consumed).hasSize(3);
        // now() is the transaction's start: fewer values than rows means messages shared a transaction (all three
        // do when they come in one read from the broker, as here almost always)
        assertThat(consumed.stream().map(row -> row.getValue("received_at")).distinct()).hasSizeLessThan(3);
    }

    @Test
    void aLateSignalIsDecidedAtOnceWithItsOrderCreatedAtTheLastClosedSlice() {
        Instant t = nextSlice();
        upstream.slice(flat("10000", t));
        orders.first(m -> isRouterSliceEnd(m, t));
        Instant earlierBar = t.minus(Duration.ofDays(1));
        Signal late = buy("LATECOMER", earlierBar, "25");

        upstream.sendSignal(late);

        JsonObject order = orderOf("LATECOMER").json();
        // Sized on the last snapshot (10 % of 10000 at 25 = 40), created at the last closed slice.
        assertThat(new BigDecimal(order.getValue("qty").toString())).isEqualByComparingTo("40");
        assertThat(order.getString("createdAt")).isEqualTo(t.toString());
        JsonNode decision = decisionsOf("LATECOMER").get(0);
        assertThat(decision.get("decidedAt").asText()).isEqualTo(t.toString());
        assertThat(decision.get("barTime").asText()).isEqualTo(earlierBar.toString());
        upstream.orderStatus(order.getString("id"), "LATECOMER", OrderStatus.CANCELED, t);
    }

    @Test
    void aSignalWithoutAWatermarkIsDecidedWithTheNextSliceAndOrderedAtIt() {
        Instant t = nextSlice();
        Instant ownBar = t.minus(Duration.ofHours(1));
        Signal stray = buy("STRAY", ownBar, "20");

        upstream.sendSignal(stray);
        upstream.slice(flat("10000", t));

        List<Received> out = ordersThroughSliceEnd(t, "STRAY");
        assertThat(out).extracting(Received::type).containsExactly("order", "slice-end");
        assertThat(out.get(0).json().getString("createdAt")).isEqualTo(t.toString());
        assertThat(out.get(1).json().getInteger("count")).isEqualTo(1);
        upstream.orderStatus(out.get(0).id(), "STRAY", OrderStatus.CANCELED, t);
    }

    @Test
    void aDuplicateDeliveryHasNoSecondEffect() {
        Instant t = nextSlice();
        Signal signal = buy("TWICE", t, "10");
        upstream.ordersClose(t);
        upstream.sendSignal(signal);
        upstream.monitorSlice(t, signal);
        upstream.snapshot(flat("10000", t));
        String orderId = ordersThroughSliceEnd(t, "TWICE").get(0).id();

        // Everything again after the slice was decided: the same messages, and the signal under another message-id.
        upstream.ordersClose(t);
        upstream.monitorSlice(t, signal);
        upstream.snapshot(flat("10000", t));
        amqp.send("trading.signals", "resent-" + signal.id(), "signal", JsonCodec.encode(signal));
        // The next slice is decided after all of it (each queue is read in order).
        Instant next = nextSlice();
        upstream.slice(flat("10000", next));
        orders.first(m -> isRouterSliceEnd(m, next));

        assertThat(orders.during(Duration.ofMillis(200), m -> signal.id().equals(m.json().getString("signalId"))))
                .hasSize(1);
        assertThat(orders.during(Duration.ZERO, m -> isRouterSliceEnd(m, t))).hasSize(1);
        JsonNode stored = decisionsOf("TWICE");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("rule").asText()).isEqualTo("accepted");
        upstream.orderStatus(orderId, "TWICE", OrderStatus.CANCELED, t);
    }

    @Test
    void poisonMessagesAreDeadLetteredAndTheStreamGoesOn() {
        Instant t = nextSlice();
        Signal valid = buy("POISON", t, "10");
        String validJson = JsonCodec.encode(valid);
        JsonObject tooStrong = new JsonObject(validJson).put("id", "poison-strength").put("strength", 1.5);
        JsonObject negative = new JsonObject(validJson).put("id", "poison-price").put("price", -3);

        // Not JSON, once declared application/json and once as plain text.
        amqp.send("trading.signals", "poison-json-declared", "signal", "{\"id\": \"poison-json-declared\", x:");
        amqp.send("trading.signals", "poison-json", "signal", "text/plain", "{\"id\": \"poison-json\", strategy:");
        amqp.send("trading.signals", "poison-strength", "signal", tooStrong.encode());
        amqp.send("trading.signals", "poison-price", "signal", negative.encode());
        amqp.send("trading.signals", "poison-kind", "telepathy", validJson);
        amqp.send("trading.signals", "poison-snapshot", "snapshot", JsonCodec.encode(flat("1", t)));
        JsonObject cashless = new JsonObject(JsonCodec.encode(flat("10000", t)));
        cashless.remove("cash");
        amqp.send("portfolio.updates", "poison-cashless", "snapshot", cashless.encode());
        upstream.slice(flat("10000", t), valid);

        assertThat(ordersThroughSliceEnd(t, "POISON")).extracting(Received::type).containsExactly("order", "slice-end");
        List<Received> dead = deadLetters.until(m -> m.properties().getString("original-id", "").startsWith("poison-"),
                m -> "poison-snapshot".equals(m.properties().getString("original-id")));
        assertThat(dead).extracting(m -> m.properties().getString("original-id"))
                .containsExactly("poison-json-declared", "poison-json", "poison-strength", "poison-price",
                        "poison-kind", "poison-snapshot");
        assertThat(dead).allSatisfy(m -> assertThat(m.properties().getString("original-address"))
                .isEqualTo("trading.signals"));
        assertThat(dead.get(0).properties().getString("reason")).startsWith("not valid JSON");
        assertThat(dead.get(0).body()).isEqualTo("{\"id\": \"poison-json-declared\", x:");
        assertThat(dead.get(1).properties().getString("reason")).startsWith("not valid JSON");
        assertThat(dead.get(2).properties().getString("reason")).contains("strength");
        assertThat(dead.get(3).properties().getString("reason")).contains("price");
        assertThat(dead.get(4).properties().getString("reason")).contains("telepathy");
        assertThat(dead.get(5).properties().getString("reason")).contains("snapshot does not belong on trading.signals");
        assertThat(dead.get(2).body()).isEqualTo(tooStrong.encode());
        Received cashlessDead = deadLetters.first(m -> "poison-cashless".equals(m.properties().getString("original-id")));
        assertThat(cashlessDead.properties().getString("reason")).isEqualTo("the router's snapshot needs cash and equity");
        assertThat(cashlessDead.properties().getString("original-address")).isEqualTo("portfolio.updates");
        // Operators find it under the router's prefix (its REST root is /, for the Alpaca API).
        asViewer().get("/api/router/dead-letters").then().statusCode(200)
                .body("items.find { it.messageId == 'poison-cashless' }.reason",
                        equalTo("the router's snapshot needs cash and equity"));
        asViewer().get("/dead-letters").then().statusCode(404);
        upstream.orderStatus(orderOf("POISON").id(), "POISON", OrderStatus.CANCELED, t);
    }

    @Test
    void anotherAccountsSnapshotIsIgnored() {
        Instant t = nextSlice();
        upstream.ordersClose(t);
        upstream.monitorSlice(t, Upstream.signal("OTHERACCT", SignalType.BUY, t, "10"));
        upstream.snapshot(new PortfolioSnapshot("someone-else", BigDecimal.TEN,
                BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, List.of(), t));

        JsonNode status = statusWhen(s -> holdsSlice(s, t, 1));
        assertThat(status.get("waitingFor")).extracting(JsonNode::asText).containsExactly("snapshot");

        upstream.snapshot(flat("10000", t));
        List<Received> out = ordersThroughSliceEnd(t, "OTHERACCT");
        assertThat(out).extracting(Received::type).containsExactly("order", "slice-end");
        // Sized on this account's equity: 10 % of 10000 at 10 = 100 (the other account's 10 would give nothing).
        assertThat(new BigDecimal(out.get(0).json().getValue("qty").toString())).isEqualByComparingTo("100");
        upstream.orderStatus(out.get(0).id(), "OTHERACCT", OrderStatus.CANCELED, t);
    }
}
