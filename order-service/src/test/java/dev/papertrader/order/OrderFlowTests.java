package dev.papertrader.order;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.CancelRequest;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.core.model.TimeInForce;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.order.AmqpTestClient.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order service end to end over a real broker and database: bars, watermarks and orders in as AMQP messages,
 * fills and status changes out on trading.fills (read from the portfolio's queue), rows in the orders schema.
 */
@QuarkusTest
@OrderServiceTestProfile
class OrderFlowTests {

    static final String FILLS_QUEUE = "trading.fills::trading.fills.portfolio";

    @Inject
    Pool pool;

    AmqpTestClient amqp;
    SliceDriver driver;

    @BeforeEach
    void connect() {
        amqp = new AmqpTestClient(LocalInfraTestResource.amqpHost(), LocalInfraTestResource.amqpPort());
        driver = new SliceDriver(amqp);
    }

    @AfterEach
    void disconnect() {
        amqp.close();
    }

    static Order marketBuy(String id, String account, String symbol, String qty, Instant createdAt) {
        return Order.market(id, "signal-" + id, account, symbol, Side.BUY, new BigDecimal(qty), createdAt);
    }

    @Test
    void anOrderFillsAtTheNextSlicesOpenAndItsFillsArriveBeforeTheSliceEnd() {
        try (AmqpTestClient.Reader fills = amqp.read(FILLS_QUEUE)) {
            Instant t1 = driver.freshSlice();
            Instant t2 = t1.plus(Duration.ofDays(1));
            driver.processSlice(t1, SliceDriver.bar("FLOW", t1, "100"));
            driver.sendOrder(marketBuy("flow-1", "acc-flow", "FLOW", "10", t1));
            driver.routerClose(t1, 1);
            driver.monitorSlice(t2, SliceDriver.bar("FLOW", t2, "101.25"));

            String sliceEndId = "orders|trading.fills|" + t2;
            List<Received> received = fills.until(
                    m -> "flow-1".equals(m.json().getString("orderId")) || sliceEndId.equals(m.id()),
                    m -> sliceEndId.equals(m.id()));

            assertThat(received).extracting(Received::type)
                    .containsExactly("order-status", "fill", "order-status", "slice-end");
            assertThat(received.get(0).json().getString("status")).isEqualTo("NEW");
            Received fill = received.get(1);
            assertThat(fill.id()).isEqualTo(fill.json().getString("id"));
            assertThat(fill.contentType()).isEqualTo("application/json");
            assertThat(new BigDecimal(fill.json().getValue("price").toString())).isEqualByComparingTo("101.25");
            assertThat(new BigDecimal(fill.json().getValue("qty").toString())).isEqualByComparingTo("10");
            assertThat(fill.json().getString("filledAt")).isEqualTo(t2.toString());
            assertThat(received.get(2).json().getString("status")).isEqualTo("FILLED");
            assertThat(received.get(3).json().getString("source")).isEqualTo("orders");
            assertThat(received.get(3).json().getInteger("count")).as("events of the slice").isEqualTo(2);

            assertThat(count("select count(*) from fills where order_id = $1 and price = 101.25 and filled_at = $2",
                    "flow-1", t2)).isEqualTo(1);
            asTrader().get("/api/orders/orders/flow-1").then().statusCode(200)
                    .body("status", equalTo("FILLED"))
                    .body("source", equalTo("message"))
                    .body("filledQty", equalTo(10));
        }
    }

    @Test
    void anOrderThatArrivesAfterItsBarStillFillsAtThatBarsOpen() {
        try (AmqpTestClient.Reader fills = amqp.read(FILLS_QUEUE)) {
            Instant t1 = driver.freshSlice();
            Instant t2 = t1.plus(Duration.ofDays(1));
            driver.processSlice(t1, SliceDriver.bar("LATE", t1, "50"));
            driver.routerClose(t1, 0);
            driver.processSlice(t2, SliceDriver.bar("LATE", t2, "52.5"));

            // Created at t1 (its signal's bar), it reaches the service after t2 was processed.
            driver.sendOrder(marketBuy("late-1", "acc-late", "LATE", "4", t1));

            Received fill = fills.first(m -> "fill".equals(m.type()) && "late-1".equals(m.json().getString("orderId")));
            assertThat(fill.json().getString("filledAt")).isEqualTo(t2.toString());
            assertThat(new BigDecimal(fill.json().getValue("price").toString())).isEqualByComparingTo("52.5");
            asTrader().get("/api/orders/orders/late-1").then().statusCode(200).body("status", equalTo("FILLED"));
        }
    }

    @Test
    void aSliceNeverOvertakesThePreviousSliceItsMonitorWatermarkNames() {
        Instant t0 = driver.freshSlice();
        driver.processSlice(t0, SliceDriver.bar("NEXT", t0, "9"));
        Instant t1 = driver.freshSlice();
        Instant t2 = t1.plus(Duration.ofDays(1));

        // t2 is complete first, as when t1's messages were given back after a failed transaction and a restart
        driver.monitorSlice(t2, t1, SliceDriver.bar("NEXT", t2, "11"));
        SliceDriver.pause(Duration.ofMillis(700));
        assertThat(SliceDriver.status().getString("lastSlice")).as("t2 waits for t1").isEqualTo(t0.toString());

        Bar barOfT1 = SliceDriver.bar("NEXT", t1, "10");
        driver.monitorSlice(t1, t0, barOfT1);
        driver.awaitProcessed(t1);
        driver.routerClose(t1, 0);
        driver.awaitProcessed(t2);

        assertThat(count("select count(*) from dead_letters where message_id = $1", barOfT1.id()))
                .as("t1 was not overtaken, so not late").isZero();
        assertThat(count("select count(*) from outbox where id = $1 and seq < (select seq from outbox where id = $2)",
                "orders|trading.fills|" + t1, "orders|trading.fills|" + t2)).isEqualTo(1);
    }

    @Test
    void aRedeliveredMessageHasNoSecondEffect() {
        Instant t1 = driver.freshSlice();
        Bar barOfT1 = SliceDriver.bar("DUP", t1, "20");
        driver.processSlice(t1, barOfT1);
        Order order = new Order("dup-1", null, "acc-dup", "DUP", Side.BUY, OrderType.LIMIT, new BigDecimal("3"), null,
                new BigDecimal("1"), null, TimeInForce.GTC, t1);

        driver.sendOrder(order);
        driver.sendOrder(order);
        // The bar again, after its slice: known from the inbox, so acked and ignored (not a late bar).
        amqp.send("market.bars", barOfT1.id(), "bar", JsonCodec.encode(barOfT1));
        driver.routerClose(t1, 1);
        Instant t2 = t1.plus(Duration.ofDays(1));
        driver.processSlice(t2, SliceDriver.bar("DUP", t2, "21"));

        assertThat(count("select count(*) from orders where id = $1", "dup-1")).isEqualTo(1);
        assertThat(count("select count(*) from order_events where order_id = $1", "dup-1")).as("one NEW").isEqualTo(1);
        assertThat(count("select count(*) from outbox where type = 'order-status' and body like $1", "%\"dup-1\"%"))
                .isEqualTo(1);
        assertThat(count("select count(*) from inbox where consumer = 'trading.orders' and message_id = $1", "dup-1"))
                .isEqualTo(1);
        assertThat(count("select count(*) from dead_letters where message_id in ($1, $2)", "dup-1", barOfT1.id()))
                .isZero();
    }

    @Test
    void poisonGoesToDeadLettersWithItsReasonAndTheNextMessageIsProcessed() {
        try (AmqpTestClient.Reader deadLetters = amqp.read("dead.letters")) {
            Instant t1 = driver.freshSlice();
            driver.processSlice(t1, SliceDriver.bar("POISON", t1, "10"));
            String negative = JsonCodec.encode(marketBuy("poison-2", "acc-poison", "POISON", "1", t1))
                    .replace("\"qty\":1", "\"qty\":-5");

            amqp.send("trading.orders", "poison-1", "order", "{this is not json");
            amqp.send("trading.orders", "poison-2", "order", negative);
            driver.sendOrder(marketBuy("poison-3", "acc-poison", "POISON", "1", t1));

            Received first = deadLetters.first(m -> "poison-1".equals(m.properties().getString("original-id")));
            assertThat(first.properties().getString("reason")).startsWith("not valid JSON");
            assertThat(first.properties().getString("original-address")).isEqualTo("trading.orders");
            assertThat(first.body()).isEqualTo("{this is not json");
            assertThat(first.contentType()).startsWith("text/plain");
            Received second = deadLetters.first(m -> "poison-2".equals(m.properties().getString("original-id")));
            assertThat(second.properties().getString("reason")).contains("qty must be positive, was -5");
            assertThat(second.type()).isEqualTo("order");
            assertThat(second.contentType()).isEqualTo("application/json");

            assertThat(count("select count(*) from dead_letters where message_id = $1 and reason like 'not valid JSON%'",
                    "poison-1")).isEqualTo(1);
            assertThat(count("select count(*) from dead_letters where message_id = $1 and reason like '%qty must be positive%'",
                    "poison-2")).isEqualTo(1);
            awaitOrder("poison-3");
            assertThat(count("select count(*) from orders where id = $1", "poison-2")).isZero();
            driver.routerClose(t1, 1);
        }
    }

    @Test
    void theEngineStateSurvivesARestartOfTheSimulator() {
        Instant t1 = driver.freshSlice();
        driver.processSlice(t1, SliceDriver.bar("RESTART", t1, "40"));
        // A limit order that rests: only a bar reaching 35 fills it.
        driver.sendOrder(new Order("restart-1", null, "acc-restart", "RESTART", Side.BUY, OrderType.LIMIT,
                new BigDecimal("2"), null, new BigDecimal("35"), null, TimeInForce.GTC, t1));
        driver.routerClose(t1, 1);
        Instant t2 = t1.plus(Duration.ofDays(1));
        driver.processSlice(t2, SliceDriver.bar("RESTART", t2, "40"));
        asTrader().get("/api/orders/orders/restart-1").then().statusCode(200).body("status", equalTo("NEW"));

        // Throw the in-memory engine away: it comes back from engine_state with the resting order and both watermarks.
        asTrader().post("/api/orders/engine/reload").then().statusCode(200)
                .body("lastSlice", equalTo(t2.toString()))
                .body("routerClosedThrough", equalTo(t1.toString()));
        driver.routerClose(t2, 0);
        Instant t3 = t2.plus(Duration.ofDays(1));
        driver.processSlice(t3, SliceDriver.bar("RESTART", t3, "36"));

        // Opens at 36 above the limit, trades down to 34: fills at the limit.
        asTrader().get("/api/orders/orders/restart-1").then().statusCode(200).body("status", equalTo("FILLED"))
                .body("avgFillPrice", equalTo(35.0f));
        assertThat(count("select count(*) from fills where order_id = $1 and price = 35 and filled_at = $2",
                "restart-1", t3)).isEqualTo(1);
    }

    @Test
    void aFinalOrderLeavesTheEngineStateAfterItsSliceAndItsIdStaysTaken() {
        try (AmqpTestClient.Reader deadLetters = amqp.read("dead.letters")) {
            Instant t1 = driver.freshSlice();
            Instant t2 = t1.plus(Duration.ofDays(1));
            driver.processSlice(t1, SliceDriver.bar("FORGET", t1, "30"));
            Order order = marketBuy("forget-1", "acc-forget", "FORGET", "2", t1);
            Order resting = new Order("forget-2", null, "acc-forget", "FORGET", Side.BUY, OrderType.LIMIT,
                    new BigDecimal("1"), null, new BigDecimal("5"), null, TimeInForce.GTC, t1);
            driver.sendOrder(order);
            driver.sendOrder(resting);
            driver.routerClose(t1, 2);
            driver.processSlice(t2, SliceDriver.bar("FORGET", t2, "31"));
            asTrader().get("/api/orders/orders/forget-1").then().statusCode(200).body("status", equalTo("FILLED"));

            assertThat(count("select count(*) from engine_state where key = 'order-engine' and state like $1",
                    "%\"forget-1\"%")).as("the filled order is forgotten").isZero();
            assertThat(count("select count(*) from engine_state where key = 'order-engine' and state like $1",
                    "%\"forget-2\"%")).as("the resting order is kept").isEqualTo(1);

            // Its id is still taken, from the orders table: the same order under another message id is poison.
            amqp.send("trading.orders", "forget-1-again", "order", JsonCodec.encode(order));
            Received duplicate = deadLetters.first(m -> "forget-1-again".equals(m.properties().getString("original-id")));
            assertThat(duplicate.properties().getString("reason")).startsWith("duplicate order id forget-1");
            // A cancel request for it is a no-op, recorded, not poison; one naming another account is poison.
            CancelRequest cancel = new CancelRequest("forget-cancel-1", "forget-1", "acc-forget", "done", t2);
            amqp.send("trading.orders", cancel.id(), "cancel", JsonCodec.encode(cancel));
            CancelRequest foreign = new CancelRequest("forget-cancel-2", "forget-1", "acc-other", "mine", t2);
            amqp.send("trading.orders", foreign.id(), "cancel", JsonCodec.encode(foreign));
            Received wrongAccount = deadLetters.first(
                    m -> "forget-cancel-2".equals(m.properties().getString("original-id")));
            assertThat(wrongAccount.properties().getString("reason")).contains("belongs to account acc-forget");
            assertThat(count("select count(*) from inbox where consumer = 'trading.orders' and message_id = $1",
                    "forget-cancel-1")).isEqualTo(1);
            assertThat(count("select count(*) from dead_letters where message_id = $1", "forget-cancel-1")).isZero();
            asTrader().delete("/api/orders/orders/forget-1").then().statusCode(409);
            asTrader().delete("/api/orders/orders/no-such-order").then().statusCode(404);
            asTrader().get("/api/orders/orders/forget-1").then().statusCode(200).body("status", equalTo("FILLED"));
            driver.routerClose(t2, 0);
        }
    }

    @Test
    void theOrdersOfASliceAndTheRoutersSliceEndShareATransaction() {
        Instant t1 = driver.freshSlice();
        driver.processSlice(t1, SliceDriver.bar("BURST", t1, "12"));
        Order first = marketBuy("burst-1", "acc-burst", "BURST", "1", t1);
        Order second = marketBuy("burst-2", "acc-burst", "BURST", "2", t1);
        SliceEnd end = SliceEnd.of("router", "trading.orders", t1, 2);

        amqp.sendOrdersTogether(List.of(new String[] {first.id(), "order", JsonCodec.encode(first)},
                new String[] {second.id(), "order", JsonCodec.encode(second)},
                new String[] {end.id(), "slice-end", JsonCodec.encode(end)}));
        awaitOrder("burst-2");
        Instant t2 = t1.plus(Duration.ofDays(1));
        driver.processSlice(t2, SliceDriver.bar("BURST", t2, "12.5"));

        asTrader().get("/api/orders/orders/burst-1").then().statusCode(200).body("status", equalTo("FILLED"));
        // now() is the transaction's start: fewer values than rows means messages shared a transaction (all three
        // do when they come in one read from the broker, as here almost always)
        assertThat(count("select count(distinct received_at) from inbox where consumer = 'trading.orders'"
                + " and message_id in ($1, $2, $3)", first.id(), second.id(), end.id())).isLessThan(3);
        assertThat(count("select count(*) from inbox where consumer = 'trading.orders' and message_id in ($1, $2, $3)",
                first.id(), second.id(), end.id())).isEqualTo(3);
    }

    @Test
    void aLateOrderAfterAnEngineReloadFillsFromTheStoredBarHistory() {
        try (AmqpTestClient.Reader fills = amqp.read(FILLS_QUEUE)) {
            Instant t1 = driver.freshSlice();
            Instant t2 = t1.plus(Duration.ofDays(1));
            driver.processSlice(t1, SliceDriver.bar("HIST", t1, "70"));
            driver.routerClose(t1, 0);
            driver.processSlice(t2, SliceDriver.bar("HIST", t2, "71.5"));

            // the bars are rows of bar_history, not part of the engine state's JSON
            assertThat(count("select count(*) from bar_history where symbol = 'HIST'")).isEqualTo(2);
            assertThat(count("select count(*) from engine_state where key = 'order-engine' and state like '%71.5%'"))
                    .isZero();
            asTrader().post("/api/orders/engine/reload").then().statusCode(200);
            driver.sendOrder(marketBuy("hist-1", "acc-hist", "HIST", "3", t1));

            Received fill = fills.first(m -> "fill".equals(m.type()) && "hist-1".equals(m.json().getString("orderId")));
            assertThat(fill.json().getString("filledAt")).isEqualTo(t2.toString());
            assertThat(new BigDecimal(fill.json().getValue("price").toString())).isEqualByComparingTo("71.5");
            driver.routerClose(t2, 1);
        }
    }

    private void awaitOrder(String id) {
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        while (asTrader().get("/api/orders/orders/" + id).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("order " + id + " not stored within " + AmqpTestClient.TIMEOUT);
            }
            SliceDriver.pause(Duration.ofMillis(50));
        }
    }

    private long count(String sql, Object... parameters) {
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            values[i] = parameters[i] instanceof Instant instant ? instant.atOffset(java.time.ZoneOffset.UTC) : parameters[i];
        }
        return pool.preparedQuery(sql).execute(Tuple.from(values)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
