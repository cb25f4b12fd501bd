package dev.papertrader.localstack;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A blocking AMQP 1.0 client over Vert.x, for tests: what the services' SmallRye AMQP connector does, by hand. */
public final class AmqpTestClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;

    public AmqpTestClient(String host, int port) {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(host).setPort(port));
        connection = await(client.connect());
    }

    /** Sends a text message to {@code address} and waits for the broker to accept it. */
    public void send(String address, String id, String body) {
        AmqpSender sender = await(connection.createSender(address));
        try {
            await(sender.sendWithAck(AmqpMessage.create().id(id).durable(true).withBody(body).build()));
        } finally {
            await(sender.close());
        }
    }

    /**
     * Attaches a receiver that settles nothing by itself: each message received must be accepted, rejected,
     * released or modified by the test.
     */
    public Inbox receive(String address) {
        Inbox inbox = new Inbox();
        AmqpReceiver receiver = await(connection.createReceiver(address, new AmqpReceiverOptions().setAutoAcknowledgement(false)));
        receiver.handler(inbox.messages::add);
        inbox.receiver = receiver;
        return inbox;
    }

    /** Messages arriving on one receiver. */
    public static final class Inbox implements AutoCloseable {
        private final BlockingQueue<AmqpMessage> messages = new LinkedBlockingQueue<>();
        private AmqpReceiver receiver;

        /** The next message; fails after 10 s. */
        public AmqpMessage next() {
            return next(TIMEOUT).orElseThrow(() -> new AssertionError("no message on " + receiver.address() + " within " + TIMEOUT));
        }

        /** The next message within {@code wait}, if any. */
        public Optional<AmqpMessage> next(Duration wait) {
            try {
                return Optional.ofNullable(messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
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
