package dev.papertrader.monitor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    static final long TIMEOUT_SECONDS = 30;

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
        Vertx vertx = Vertx.vertx();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(LocalInfraTestResource.amqpHost()).setPort(LocalInfraTestResource.amqpPort()));
        try {
            AmqpConnection connection = await(client.connect());
            BlockingQueue<AmqpMessage> deadLetters = new LinkedBlockingQueue<>();
            await(connection.createReceiver("dead.letters", new AmqpReceiverOptions().setAutoAcknowledgement(true)))
                    .handler(deadLetters::add);
            AmqpSender sender = await(connection.createSender("trading.fills"));
            await(sender.sendWithAck(AmqpMessage.create().durable(true).id("it-fill-not-json").contentType("application/json")
                    .applicationProperties(new JsonObject().put("type", "fill")).withBody(body).build()));

            AmqpMessage deadLetter = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (deadLetter == null && System.nanoTime() < deadline) {
                AmqpMessage next = deadLetters.poll(1, TimeUnit.SECONDS);
                if (next != null && "it-fill-not-json".equals(next.applicationProperties().getString("original-id"))) {
                    deadLetter = next;
                }
            }
            assertThat(deadLetter).as("dead letter of it-fill-not-json within %d s", TIMEOUT_SECONDS).isNotNull();
            assertThat(deadLetter.applicationProperties().getString("original-address")).isEqualTo("trading.fills");
            assertThat(deadLetter.applicationProperties().getString("reason")).contains("JSON");
            assertThat(deadLetter.bodyAsBinary().toString()).isEqualTo(body);
            await(connection.close());
        } finally {
            await(client.close());
            await(vertx.close());
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
