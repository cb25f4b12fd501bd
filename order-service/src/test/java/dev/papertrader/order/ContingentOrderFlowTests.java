package dev.papertrader.order;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.CancelRequest;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.order.AmqpTestClient.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 over a real broker and database: cancel requests on trading.orders, a bracket (parent and two OCO legs)
 * whose legs are HELD until the parent fills, and the new order fields in the read model.
 */
@QuarkusTest
@OrderServiceTestProfile
class ContingentOrderFlowTests {

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

    private void sendCancel(CancelRequest request) {
        amqp.send("trading.orders", request.id(), "cancel", JsonCodec.encode(request));
    }

    private static Order order(String id, String account, String symbol, Side side, OrderType type, String limit,
            String stop, Instant createdAt, String parentId, String ocoGroup) {
        return new Order(id, null, account, symbol, side, type, new BigDecimal("10"), null,
                limit == null ? null : new BigDecimal(limit), stop == null ? null : new BigDecimal(stop),
                TimeInForce.GTC, createdAt, null, null, parentId, ocoGroup, null);
    }

    @Test
    void aCancelRequestCancelsAnOpenOrderAndIsANoOpForAFinalOneAndDeadLettersForAnUnknownOne() {
        try (AmqpTestClient.Reader fills = amqp.read(OrderFlowTests.FILLS_QUEUE);
                AmqpTestClient.Reader deadLetters = amqp.read("dead.letters")) {
            Instant t1 = driver.freshSlice();
            driver.processSlice(t1, SliceDriver.bar("CXL", t1, "50"));
            driver.sendOrder(order("cxl-1", "acc-cxl", "CXL", Side.BUY, OrderType.LIMIT, "10", null, t1, null, null));
            sendCancel(new CancelRequest("cxl-req-1", "cxl-1", "acc-cxl", "changed my mind", t1));

            Received cancelled = fills.first(m -> "cxl-1".equals(m.json().getString("orderId"))
                    && "CANCELED".equals(m.json().getString("status")));
            assertThat(cancelled.json().getString("reason")).isEqualTo("changed my mind");
            assertThat(cancelled.json().getString("eventTime")).isEqualTo(t1.toString());
            asTrader().get("/api/orders/orders/cxl-1").then().statusCode(200).body("status", equalTo("CANCELED"));

            // Again, for the order now final: recorded in the inbox, no event, no dead letter.
            sendCancel(new CancelRequest("cxl-req-2", "cxl-1", "acc-cxl", "again", t1));
            sendCancel(new CancelRequest("cxl-req-3", "no-such-order", "acc-cxl", "who?", t1));
            Received dead = deadLetters.first(m -> "cxl-req-3".equals(m.properties().getString("original-id")));
            assertThat(dead.properties().getString("reason")).contains("unknown order no-such-order");
            assertThat(count("select count(*) from inbox where consumer = 'trading.orders' and message_id = $1",
                    "cxl-req-2")).isEqualTo(1);
            assertThat(count("select count(*) from dead_letters where message_id = $1", "cxl-req-2")).isZero();
            assertThat(count("select count(*) from order_events where order_id = $1 and status = 'CANCELED'",
                    "cxl-1")).isEqualTo(1);
            driver.routerClose(t1, 1);
        }
    }

    @Test
    void aBracketsLegsAreHeldUntilTheParentFillsAndTheTakeProfitCancelsTheStop() {
        try (AmqpTestClient.Reader fills = amqp.read(OrderFlowTests.FILLS_QUEUE)) {
            Instant t1 = driver.freshSlice();
            Instant t2 = t1.plus(Duration.ofDays(1));
            Instant t3 = t2.plus(Duration.ofDays(1));
            driver.processSlice(t1, SliceDriver.bar("BRK", t1, "100"));
            driver.sendOrder(order("brk-p", "acc-brk", "BRK", Side.BUY, OrderType.MARKET, null, null, t1, null, null));
            driver.sendOrder(order("brk-tp", "acc-brk", "BRK", Side.SELL, OrderType.LIMIT, "105", null, t1, "brk-p",
                    "brk"));
            driver.sendOrder(order("brk-sl", "acc-brk", "BRK", Side.SELL, OrderType.STOP, null, "95", t1, "brk-p",
                    "brk"));
            driver.routerClose(t1, 3);
            // t2 opens at 100 (98..102): the parent fills at 100, the legs become NEW and wait for the next bar.
            driver.processSlice(t2, SliceDriver.bar("BRK", t2, "100"));
            driver.routerClose(t2, 0);
            // t3 opens at 104 (102..106): the 105 limit is reached, the 95 stop is not.
            driver.monitorSlice(t3, SliceDriver.bar("BRK", t3, "104"));

            Set<String> ids = Set.of("brk-p", "brk-tp", "brk-sl");
            String endOfT3 = "orders|trading.fills|" + t3;
            List<Received> received = fills.until(m -> ids.contains(String.valueOf(m.json().getString("orderId"))),
                    m -> endOfT3.equals(m.id()));
            assertThat(received).extracting(m -> m.json().getString("orderId") + " " + m.type() + " "
                    + m.json().getString("status", "") + " " + m.json().getString("eventTime", m.json()
                    .getString("filledAt")))
                    .containsExactly(
                            "brk-p order-status NEW " + t1,
                            "brk-tp order-status HELD " + t1,
                            "brk-sl order-status HELD " + t1,
                            "brk-p fill  " + t2,
                            "brk-p order-status FILLED " + t2,
                            "brk-tp order-status NEW " + t2,
                            "brk-sl order-status NEW " + t2,
                            "brk-tp fill  " + t3,
                            "brk-tp order-status FILLED " + t3,
                            "brk-sl order-status CANCELED " + t3);
            assertThat(new BigDecimal(received.get(7).json().getValue("price").toString())).isEqualByComparingTo("105");
            assertThat(received.get(9).json().getString("reason")).isEqualTo("oco: order brk-tp filled");

            asTrader().get("/api/orders/orders/brk-sl").then().statusCode(200)
                    .body("status", equalTo("CANCELED"))
                    .body("parentId", equalTo("brk-p"))
                    .body("ocoGroup", equalTo("brk"))
                    .body("stopPrice", equalTo(95));
        }
    }

    @Test
    void aManualTrailingStopKeepsItsTrailAndAReplacementReplacesIt() {
        Instant t1 = driver.freshSlice();
        driver.processSlice(t1, SliceDriver.bar("TRL", t1, "80"));
        String first = asTrader().contentType(ContentType.JSON)
                .body("""
                        {"accountId":"acc-trl","symbol":"TRL","side":"SELL","type":"TRAILING_STOP","qty":3,
                         "trailPercent":5}""")
                .post("/api/orders/orders")
                .then().statusCode(201)
                .body("status", equalTo("NEW"))
                .body("trailPercent", equalTo(5))
                .extract().path("id");
        asTrader().contentType(ContentType.JSON)
                .body("""
                        {"accountId":"acc-trl","symbol":"TRL","side":"SELL","type":"TRAILING_STOP","qty":3,
                         "trailPrice":2.5,"replacesOrderId":"%s"}""".formatted(first))
                .post("/api/orders/orders")
                .then().statusCode(201)
                .body("status", equalTo("NEW"))
                .body("trailPrice", equalTo(2.5f))
                .body("replacesOrderId", equalTo(first));
        asTrader().get("/api/orders/orders/" + first).then().statusCode(200)
                .body("status", equalTo("REPLACED"))
                .body("reason", org.hamcrest.Matchers.startsWith("replaced by manual-"));
        asTrader().contentType(ContentType.JSON)
                .body("""
                        {"accountId":"acc-trl","symbol":"TRL","side":"SELL","type":"TRAILING_STOP","qty":3}""")
                .post("/api/orders/orders")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("trailPrice"));
    }

    private long count(String sql, Object... parameters) {
        return pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
