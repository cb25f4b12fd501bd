package dev.papertrader.order;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;

/**
 * A plain AMQP 1.0 client for the tests, standing in for the other services: it sends JSON messages the way the
 * contracts describe them and reads queues.
 */
final class AmqpTestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;

    AmqpTestClient(String host, int port) {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(host).setPort(port));
        connection = await(client.connect());
    }

    /** A received message: its id, kind, application properties, content type and body. */
    record Received(String id, String type, JsonObject properties, String contentType, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /**
     * Sends {@code body} as a data section with content-type application/json, message-id {@code id} (none if
     * null) and application property {@code type} (none if null); waits for the broker to accept it.
     */
    void send(String address, String id, String type, String body) {
        AmqpSender sender = await(connection.createSender(address));
        try {
            JsonObject properties = new JsonObject();
            if (type != null) {
                properties.put("type", type);
            }
            var builder = AmqpMessage.create().durable(true).contentType("application/json")
                    .applicationProperties(properties)
                    .withBufferAsBody(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
            if (id != null) {
                builder.id(id);
            }
            await(sender.sendWithAck(builder.build()));
        } finally {
            await(sender.close());
        }
    }

    /** Sends {@code orders} to trading.orders one after the other without waiting in between, as a relay round does. */
    void sendOrdersTogether(List<String[]> idTypeBody) {
        AmqpSender sender = await(connection.createSender("trading.orders"));
        try {
            List<Future<Void>> sent = new ArrayList<>();
            for (String[] message : idTypeBody) {
                sent.add(sender.sendWithAck(AmqpMessage.create().durable(true).contentType("application/json")
                        .id(message[0]).applicationProperties(new JsonObject().put("type", message[1]))
                        .withBufferAsBody(Buffer.buffer(message[2].getBytes(StandardCharsets.UTF_8))).build()));
            }
            sent.forEach(AmqpTestClient::await);
        } finally {
            await(sender.close());
        }
    }

    /** Starts reading {@code address} (a queue, possibly fully qualified); every message is accepted on arrival. */
    Reader read(String address) {
        Reader reader = new Reader();
        reader.receiver = await(connection.createReceiver(address, new AmqpReceiverOptions().setAutoAcknowledgement(true)
                .setDurable(false)));
        reader.receiver.handler(message -> reader.messages.add(new Received(message.id(),
                message.applicationProperties() == null ? null : message.applicationProperties().getString("type"),
                message.applicationProperties(), message.contentType(), text(message.unwrap().getBody()))));
        return reader;
    }

    /** The messages arriving on one receiver. */
    static final class Reader implements AutoCloseable {
        private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        private final List<Received> seen = new ArrayList<>();
        private AmqpReceiver receiver;

        /**
         * Waits until a message matching {@code last} has arrived and returns, in arrival order, every message
         * received so far (by this reader) that matches {@code wanted}.
         */
        List<Received> until(Predicate<Received> wanted, Predicate<Received> last) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (seen.stream().noneMatch(last)) {
                long left = deadline - System.nanoTime();
                Received next = poll(Math.max(left, 0));
                if (next == null) {
                    throw new AssertionError("no matching message within " + TIMEOUT + "; received " + seen);
                }
                seen.add(next);
            }
            return seen.stream().filter(wanted).toList();
        }

        /** The first message matching {@code wanted}, waiting for it if needed. */
        Received first(Predicate<Received> wanted) {
            return until(wanted, wanted).get(0);
        }

        /** Whether a message matching {@code wanted} arrives within {@code wait} (or already did). */
        Optional<Received> within(Duration wait, Predicate<Received> wanted) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (seen.stream().noneMatch(wanted)) {
                long left = deadline - System.nanoTime();
                Received next = left <= 0 ? null : poll(left);
                if (next == null) {
                    return Optional.empty();
                }
                seen.add(next);
            }
            return seen.stream().filter(wanted).findFirst();
        }

        private Received poll(long nanos) {
            try {
                return messages.poll(nanos, TimeUnit.NANOSECONDS);
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

    private static String text(Section body) {
        if (body instanceof Data data) {
            Binary binary = data.getValue();
            return new String(binary.getArray(), binary.getArrayOffset(), binary.getLength(), StandardCharsets.UTF_8);
        }
        if (body instanceof AmqpValue value) {
            return String.valueOf(value.getValue());
        }
        return null;
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
