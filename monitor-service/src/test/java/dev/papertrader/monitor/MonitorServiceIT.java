package dev.papertrader.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import dev.papertrader.localstack.testing.DeadLetterProbe;
import io.vertx.amqp.AmqpMessage;
import org.junit.jupiter.api.Test;

/**
 * The packaged monitor (the jar of {@code verify}, or with {@code -Pnative} the native executable) started as its
 * own process on the real embedded PostgreSQL and Artemis of {@link LocalInfraTestResource}, whose connection
 * settings reach the process as system properties: it migrates, connects, answers its health and OpenAPI
 * endpoints, and a message it must reject (a fill that is not JSON on {@code trading.fills}) comes back on {@code dead.letters}
 * with the reason naming the JSON error.
 */
@QuarkusIntegrationTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class MonitorServiceIT {


    @Test
    void startsReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("\"openapi\"")).body(containsString("papertrader monitor-service"));
    }

    @Test
    void aMessageItMustRejectComesBackAsADeadLetterWithItsReason() throws Exception {
        String body = "not json at all";
        AmqpMessage deadLetter = DeadLetterProbe.sendAndAwaitDeadLetter("trading.fills", "it-fill-not-json", "fill", body);
        assertThat(deadLetter.applicationProperties().getString("original-address")).isEqualTo("trading.fills");
        assertThat(deadLetter.applicationProperties().getString("reason")).contains("JSON");
        assertThat(deadLetter.bodyAsBinary().toString()).isEqualTo(body);
    }

}
