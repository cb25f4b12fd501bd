package dev.papertrader.order;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The REST API: validation problems, manual orders through the slice protocol, cancels, lists. */
@QuarkusTest
@OrderServiceTestProfile
class OrderRestTests {

    @Test
    void anInvalidOrderIs400WithEachFieldAndWhy() {
        asTrader().contentType(ContentType.JSON)
                .body("""
                        {"symbol":"AAPL","side":"BUY","type":"LIMIT","qty":-5}""")
                .post("/api/orders/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("instance", equalTo("/api/orders/orders"))
                .body("violations.field", containsInAnyOrder("accountId", "limitPrice", "qty"))
                .body("violations.find { it.field == 'qty' }.reason", equalTo("must be greater than 0"))
                .body("violations.find { it.field == 'limitPrice' }.reason", equalTo("is required for a LIMIT order"))
                .body("detail", containsString("accountId"));
    }

    @Test
    void qtyAndNotionalTogetherAre400() {
        asTrader().contentType(ContentType.JSON)
                .body("""
                        {"accountId":"a","symbol":"AAPL","side":"BUY","type":"MARKET","qty":1,"notional":100}""")
                .post("/api/orders/orders")
                .then().statusCode(400)
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("notional"))
                .body("violations[0].reason", equalTo("must be absent when qty is given"));
    }

    @Test
    void anUnreadableBodyIs400NamingTheField() {
        asTrader().contentType(ContentType.JSON).body("{\"accountId\": ")
                .post("/api/orders/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("unreadable JSON body"));
        asTrader().contentType(ContentType.JSON)
                .body("""
                        {"accountId":"a","symbol":"AAPL","side":"HOLD","type":"MARKET","qty":1}""")
                .post("/api/orders/orders")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("side"));
    }

    @Test
    void theServiceIsReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'papertrader AMQP broker' }.status", equalTo("UP"));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/orders/orders/{id}"));
    }

    @Test
    void unknownOrdersAre404AndBadFiltersAre400() {
        asTrader().get("/api/orders/orders/no-such-order").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no order no-such-order"));
        asTrader().delete("/api/orders/orders/no-such-order").then().statusCode(404);
        asTrader().get("/api/orders/orders?status=SLEEPING").then().statusCode(400).body("violations[0].field", equalTo("status"));
        asTrader().get("/api/orders/orders?size=0").then().statusCode(400).body("violations[0].field", equalTo("size"));
    }

    @Test
    void aManualOrderIsCreatedAtTheLastSliceFillsOnTheNextAndCanBeCancelledWhileOpen() {
        try (AmqpTestClient amqp = new AmqpTestClient(LocalInfraTestResource.amqpHost(), LocalInfraTestResource.amqpPort())) {
            SliceDriver driver = new SliceDriver(amqp);
            Instant t1 = driver.freshSlice();
            driver.processSlice(t1, SliceDriver.bar("MANUAL", t1, "80"));

            String market = asTrader().contentType(ContentType.JSON)
                    .body("""
                            {"accountId":"acc-manual","symbol":"MANUAL","side":"BUY","type":"MARKET","qty":3}""")
                    .post("/api/orders/orders")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/orders/orders/manual-"))
                    .body("status", equalTo("NEW"))
                    .body("source", equalTo("rest"))
                    .body("timeInForce", equalTo("GTC"))
                    .body("createdAt", equalTo(t1.toString()))
                    .extract().path("id");
            String limit = asTrader().contentType(ContentType.JSON)
                    .body("""
                            {"accountId":"acc-manual","symbol":"MANUAL","side":"BUY","type":"LIMIT","qty":3,
                             "limitPrice":1}""")
                    .post("/api/orders/orders")
                    .then().statusCode(201).extract().path("id");

            driver.routerClose(t1, 0);
            Instant t2 = t1.plus(Duration.ofDays(1));
            driver.processSlice(t2, SliceDriver.bar("MANUAL", t2, "81"));

            asTrader().get("/api/orders/orders/" + market).then().statusCode(200)
                    .body("status", equalTo("FILLED")).body("avgFillPrice", equalTo(81.0f));
            asTrader().get("/api/orders/fills?orderId=" + market).then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].filledAt", equalTo(t2.toString()));
            asTrader().delete("/api/orders/orders/" + market).then().statusCode(409)
                    .body("detail", equalTo("order " + market + " is FILLED and cannot be cancelled"));
            asTrader().delete("/api/orders/orders/" + limit).then().statusCode(200)
                    .body("status", equalTo("CANCELED")).body("reason", equalTo("cancelled on request"))
                    .body("updatedAt", equalTo(t2.toString()));

            asTrader().get("/api/orders/orders?account=acc-manual&size=1&page=0").then().statusCode(200)
                    .body("total", equalTo(2)).body("items", hasSize(1)).body("size", equalTo(1));
            asTrader().get("/api/orders/orders?symbol=MANUAL&status=canceled").then().statusCode(200)
                    .body("items.id", everyItem(equalTo(limit)));
            driver.routerClose(t2, 0);
        }
    }
}
