package dev.papertrader.router;

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
 * A plain AMQP 1.0 client standing in for the other services: sends JSON messages as docs/contracts.md describes
 * them (message-id, application property {@code type}) and reads queues.
 */
final class AmqpTestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;
    private final AmqpSender sender;

    AmqpTestClient(String host, int port) {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(host).setPort(port));
        connection = await(client.connect());
        sender = await(connection.createAnonymousSender());
    }

    /** A received message: its id, kind, application properties and body text. */
    record Received(String id, String type, JsonObject properties, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /**
     * Sends {@code body} to {@code address} as a data section (content-type application/json) with message-id
     * {@code id} and application property {@code type}, each left out when null; waits until the broker has it.
     */
    void send(String address, String id, String type, String body) {
        send(address, id, type, "application/json", body);
    }

    /** As {@link #send(String, String, String, String)}, with another content-type (none if null). */
    void send(String address, String id, String type, String contentType, String body) {
        JsonObject properties = new JsonObject();
        if (type != null) {
            properties.put("type", type);
        }
        var builder = AmqpMessage.create().address(address).durable(true).applicationProperties(properties)
                .withBufferAsBody(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
        if (id != null) {
            builder.id(id);
        }
        if (contentType != null) {
            builder.contentType(contentType);
        }
        await(sender.sendWithAck(builder.build()));
    }

    /** A message for {@link #sendTogether}. */
    record Outgoing(String id, String type, String body) {
    }

    /** Sends the messages to {@code address} one after the other without waiting in between, as a relay round does. */
    void sendTogether(String address, List<Outgoing> messages) {
        List<Future<Void>> sent = new ArrayList<>();
        for (Outgoing message : messages) {
            JsonObject properties = new JsonObject().put("type", message.type());
            sent.add(sender.sendWithAck(AmqpMessage.create().address(address).durable(true).id(message.id())
                    .contentType("application/json").applicationProperties(properties)
                    .withBufferAsBody(Buffer.buffer(message.body().getBytes(StandardCharsets.UTF_8))).build()));
        }
        sent.forEach(AmqpTestClient::await);
    }

    /** Starts reading {@code queue}; every message is accepted as it arrives. */
    Reader read(String queue) {
        Reader reader = new Reader();
        reader.receiver = await(connection.createReceiver(queue,
                new AmqpReceiverOptions().setAutoAcknowledgement(true).setDurable(false)));
        reader.receiver.handler(message -> reader.messages.add(new Received(message.id(),
                message.applicationProperties() == null ? null : message.applicationProperties().getString("type"),
                message.applicationProperties(), text(message.unwrap().getBody()))));
        return reader;
    }

    /** The messages arriving on one receiver, kept in arrival order. */
    static final class Reader implements AutoCloseable {
        private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        private final List<Received> seen = new ArrayList<>();
        private AmqpReceiver receiver;

        /**
         * Waits until a message matching {@code last} has arrived; returns, in arrival order, every message received
         * so far that matches {@code wanted}.
         */
        List<Received> until(Predicate<Received> wanted, Predicate<Received> last) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (seen.stream().noneMatch(last)) {
                Received next = poll(Math.max(deadline - System.nanoTime(), 0));
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

        /** Every message received within {@code wait} (and before) that matches {@code wanted}. */
        List<Received> during(Duration wait, Predicate<Received> wanted) {
            long deadline = System.nanoTime() + wait.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Received next = poll(left);
                if (next != null) {
                    seen.add(next);
                }
            }
            return seen.stream().filter(wanted).toList();
        }

        /** The first message matching {@code wanted} received so far, without waiting. */
        Optional<Received> already(Predicate<Received> wanted) {
            messages.drainTo(seen);
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
            await(sender.close());
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
