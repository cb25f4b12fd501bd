package dev.papertrader.localstack.testing;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * For a service's packaged-jar test ({@code *ServiceIT}): sends one message the service must reject to the shared
 * broker of {@link LocalInfraTestResource} and returns the dead letter that comes back for it, so the test can check
 * its reason, original address and body. A native executable whose JSON records are not registered for reflection
 * fails here with another reason.
 */
public final class DeadLetterProbe {

    /** How long to wait for each step, the dead letter included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DeadLetterProbe() {
    }

    /**
     * Sends {@code body} (content type {@code application/json}, property {@code type}) with message id {@code id} to
     * {@code address}, listening on {@code dead.letters} first, and returns the dead letter whose {@code original-id}
     * is {@code id}; fails when none comes within {@link #TIMEOUT}.
     */
    public static AmqpMessage sendAndAwaitDeadLetter(String address, String id, String type, String body)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions()
                .setHost(LocalInfraTestResource.amqpHost()).setPort(LocalInfraTestResource.amqpPort()));
        try {
            AmqpConnection connection = await(client.connect());
            BlockingQueue<AmqpMessage> deadLetters = new LinkedBlockingQueue<>();
            await(connection.createReceiver("dead.letters", new AmqpReceiverOptions().setAutoAcknowledgement(true)))
                    .handler(deadLetters::add);
            AmqpSender sender = await(connection.createSender(address));
            await(sender.sendWithAck(AmqpMessage.create().durable(true).id(id).contentType("application/json")
                    .applicationProperties(new JsonObject().put("type", type)).withBody(body).build()));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                AmqpMessage next = deadLetters.poll(1, TimeUnit.SECONDS);
                if (next != null && id.equals(next.applicationProperties().getString("original-id"))) {
                    await(connection.close());
                    return next;
                }
            }
            throw new AssertionError("no dead letter of " + id + " within " + TIMEOUT);
        } finally {
            await(client.close());
            await(vertx.close());
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
