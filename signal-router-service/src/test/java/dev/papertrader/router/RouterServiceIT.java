package dev.papertrader.router;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
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
 * The packaged signal router (the jar of {@code verify}, or with {@code -Pnative} the native executable) started as its
 * own process on the real embedded PostgreSQL and Artemis of {@link LocalInfraTestResource}, whose connection
 * settings reach the process as system properties: it migrates, connects, answers its health and OpenAPI
 * endpoints, and a message it must reject (a signal whose strength is above 1 on {@code trading.signals}) comes back on {@code dead.letters}
 * with the reason the record {@code Signal} gave.
 * That is the check a native executable fails when a JSON record is not registered for reflection: Jackson
 * then cannot construct the record and the reason differs.
 */
@QuarkusIntegrationTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "router"))
class RouterServiceIT {


    @Test
    void startsReadyAndDescribesItsApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("\"openapi\"")).body(containsString("papertrader signal router"));
    }

    @Test
    void aMessageItMustRejectComesBackAsADeadLetterWithItsReason() throws Exception {
        Instant barTime = Instant.parse("2013-01-02T00:00:00Z");
        String body = JsonCodec.encode(new Signal("it-signal-too-strong", "macd-crossover", "IT", SignalType.BUY,
                new BigDecimal("0.5"), barTime, new BigDecimal("100"), barTime, null)).replace("\"strength\":0.5", "\"strength\":2");
        AmqpMessage deadLetter = DeadLetterProbe.sendAndAwaitDeadLetter("trading.signals", "it-signal-too-strong", "signal", body);
        assertThat(deadLetter.applicationProperties().getString("original-address")).isEqualTo("trading.signals");
        assertThat(deadLetter.applicationProperties().getString("reason")).contains("strength must be within [0, 1], was 2");
        assertThat(deadLetter.bodyAsBinary().toString()).isEqualTo(body);
    }

}
