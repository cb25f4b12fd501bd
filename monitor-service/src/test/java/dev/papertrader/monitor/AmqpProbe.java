package dev.papertrader.monitor;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** A blocking AMQP 1.0 client on the tests' broker: what another service would send and receive. */
public final class AmqpProbe implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;

    public AmqpProbe() {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(LocalInfraTestResource.amqpHost())
                .setPort(LocalInfraTestResource.amqpPort()));
        connection = await(client.connect());
    }

    /** Sends a text message with a message-id and a {@code type} property (each omitted when null), awaiting acceptance. */
    public void send(String address, String id, String type, String body) {
        AmqpSender sender = await(connection.createSender(address));
        try {
            var message = AmqpMessage.create().durable(true).contentType("application/json").withBody(body);
            if (id != null) {
                message.id(id);
            }
            if (type != null) {
                message.applicationProperties(new JsonObject().put("type", type));
            }
            await(sender.sendWithAck(message.build()));
        } finally {
            await(sender.close());
        }
    }

    /** A receiver on {@code address} (e.g. {@code market.bars::market.bars.orders}) that accepts what it receives. */
    public Inbox receive(String address) {
        Inbox inbox = new Inbox();
        AmqpReceiver receiver = await(connection.createReceiver(address, new AmqpReceiverOptions()
                .setAutoAcknowledgement(true)));
        receiver.handler(inbox.messages::add);
        inbox.receiver = receiver;
        return inbox;
    }

    /** Accepts and forgets whatever is queued on {@code address} now (left over from other tests). */
    public void drain(String address) {
        try (Inbox inbox = receive(address)) {
            while (inbox.next(Duration.ofMillis(300)) != null) {
                // dropped
            }
        }
    }

    /** Messages arriving on one receiver. */
    public static final class Inbox implements AutoCloseable {
        private final BlockingQueue<AmqpMessage> messages = new LinkedBlockingQueue<>();
        private final List<AmqpMessage> received = new ArrayList<>();
        private AmqpReceiver receiver;

        /** The next message within {@code wait}, or null. */
        public AmqpMessage next(Duration wait) {
            try {
                AmqpMessage message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                if (message != null) {
                    received.add(message);
                }
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        /** Everything received so far, once {@code done} holds for it; fails after {@code timeout}. */
        public List<AmqpMessage> until(Predicate<List<AmqpMessage>> done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(received)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("after " + timeout + " only " + received.size() + " messages on "
                            + receiver.address());
                }
                next(Duration.ofMillis(100));
            }
            return List.copyOf(received);
        }

        /** What has arrived within {@code quiet} of silence, added to what was received. */
        public List<AmqpMessage> settle(Duration quiet) {
            while (next(quiet) != null) {
                // keep reading until nothing arrives for a while
            }
            return List.copyOf(received);
        }

        @Override
        public void close() {
            await(receiver.close());
        }
    }

    @Override
    public void close() {
        try {
            await(connection.close());
            await(client.close());
        } finally {
            await(vertx.close());
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("AMQP operation failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("AMQP operation did not complete within " + TIMEOUT, e);
        }
    }
}
