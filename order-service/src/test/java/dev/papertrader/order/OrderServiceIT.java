package dev.papertrader.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import dev.papertrader.localstack.testing.DeadLetterProbe;
import io.vertx.amqp.AmqpMessage;
import org.junit.jupiter.api.Test;

/**
 * The packaged order service (the jar of {@code verify}, or with {@code -Pnative} the native executable) started as its
 * own process on the real embedded PostgreSQL and Artemis of {@link LocalInfraTestResource}, whose connection
 * settings reach the process as system properties: it migrates, connects, answers its health and OpenAPI
 * endpoints, and a message it must reject (an order whose quantity is negative on {@code trading.orders}) comes back on {@code dead.letters}
 * with the reason the record {@code Order} gave.
 * That is the check a native executable fails when a JSON record is not registered for reflection: Jackson
 * then cannot construct the record and the reason differs.
 */
@QuarkusIntegrationTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "orders"))
class OrderServiceIT {


    @Test
    void startsReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("\"openapi\"")).body(containsString("papertrader order-service"));
    }

    @Test
    void aMessageItMustRejectComesBackAsADeadLetterWithItsReason() throws Exception {
        String body = JsonCodec.encode(Order.market("it-order-negative-qty", "it-signal", "it-account", "IT", Side.BUY,
                BigDecimal.ONE, Instant.parse("2013-01-02T00:00:00Z"))).replace("\"qty\":1", "\"qty\":-5");
        AmqpMessage deadLetter = DeadLetterProbe.sendAndAwaitDeadLetter("trading.orders", "it-order-negative-qty", "order", body);
        assertThat(deadLetter.applicationProperties().getString("original-address")).isEqualTo("trading.orders");
        assertThat(deadLetter.applicationProperties().getString("reason")).contains("qty must be positive, was -5");
        assertThat(deadLetter.bodyAsBinary().toString()).isEqualTo(body);
    }

}
