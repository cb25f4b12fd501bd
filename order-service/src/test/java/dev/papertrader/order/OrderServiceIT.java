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

    static final long TIMEOUT_SECONDS = 30;

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
        Vertx vertx = Vertx.vertx();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(LocalInfraTestResource.amqpHost()).setPort(LocalInfraTestResource.amqpPort()));
        try {
            AmqpConnection connection = await(client.connect());
            BlockingQueue<AmqpMessage> deadLetters = new LinkedBlockingQueue<>();
            await(connection.createReceiver("dead.letters", new AmqpReceiverOptions().setAutoAcknowledgement(true)))
                    .handler(deadLetters::add);
            AmqpSender sender = await(connection.createSender("trading.orders"));
            await(sender.sendWithAck(AmqpMessage.create().durable(true).id("it-order-negative-qty").contentType("application/json")
                    .applicationProperties(new JsonObject().put("type", "order")).withBody(body).build()));

            AmqpMessage deadLetter = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (deadLetter == null && System.nanoTime() < deadline) {
                AmqpMessage next = deadLetters.poll(1, TimeUnit.SECONDS);
                if (next != null && "it-order-negative-qty".equals(next.applicationProperties().getString("original-id"))) {
                    deadLetter = next;
                }
            }
            assertThat(deadLetter).as("dead letter of it-order-negative-qty within %d s", TIMEOUT_SECONDS).isNotNull();
            assertThat(deadLetter.applicationProperties().getString("original-address")).isEqualTo("trading.orders");
            assertThat(deadLetter.applicationProperties().getString("reason")).contains("qty must be positive, was -5");
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
