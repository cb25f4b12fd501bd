package dev.papertrader.portfolio;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.service.messaging.MessageType;
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
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A blocking AMQP 1.0 client over Vert.x for the tests: sends message records as the other services do (message-id,
 * application property {@code type}, JSON body) and collects what arrives on a queue.
 */
final class AmqpTestClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Vertx vertx = Vertx.vertx();
    private final AmqpClient client;
    private final AmqpConnection connection;

    AmqpTestClient(String host, int port) {
        client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(host).setPort(port));
        connection = await(client.connect());
    }

    /** Sends a message record ({@link MessageType}) to {@code address}, its id as the AMQP message-id. */
    void send(String address, Object record) {
        send(address, MessageType.idOf(record), MessageType.of(record).wireName(), JsonCodec.encode(record));
    }

    /** Sends a text body with a message-id and a {@code type} property, and waits for the broker to accept it. */
    void send(String address, String id, String type, String body) {
        AmqpSender sender = await(connection.createSender(address));
        try {
            await(sender.sendWithAck(AmqpMessage.create().id(id).durable(true).contentType("application/json")
                    .applicationProperties(new JsonObject().put("type", type)).withBody(body).build()));
        } finally {
            await(sender.close());
        }
    }

    /** The text of a message's body, whether sent as a data section (the outbox relay) or an AMQP string value. */
    static String text(AmqpMessage message) {
        Section body = message.unwrap().getBody();
        if (body instanceof Data data) {
            Binary binary = data.getValue();
            return new String(binary.getArray(), binary.getArrayOffset(), binary.getLength(), StandardCharsets.UTF_8);
        }
        return message.bodyAsString();
    }

    /** Attaches a receiver that accepts everything it gets and keeps it, for {@link Inbox#await}. */
    Inbox receive(String address) {
        Inbox inbox = new Inbox();
        AmqpReceiver receiver = await(connection.createReceiver(address,
                new AmqpReceiverOptions().setAutoAcknowledgement(true)));
        receiver.handler(inbox.arrived::add);
        inbox.receiver = receiver;
        return inbox;
    }

    /** Messages arriving on one receiver; the ones a test has not asked for yet are kept for later questions. */
    static final class Inbox implements AutoCloseable {
        private final BlockingQueue<AmqpMessage> arrived = new LinkedBlockingQueue<>();
        private final List<AmqpMessage> seen = new ArrayList<>();
        private AmqpReceiver receiver;

        /** The first message matching {@code wanted}, waiting up to 15 s for it. */
        AmqpMessage await(Predicate<AmqpMessage> wanted) {
            return await(wanted, TIMEOUT).orElseThrow(() -> new AssertionError("no such message on "
                    + receiver.address() + " within " + TIMEOUT + "; seen: " + seen.stream().map(AmqpMessage::id).toList()));
        }

        /** The first message matching {@code wanted} within {@code wait}, if any; it is taken out of the inbox. */
        synchronized Optional<AmqpMessage> await(Predicate<AmqpMessage> wanted, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                for (Iterator<AmqpMessage> it = seen.iterator(); it.hasNext(); ) {
                    AmqpMessage message = it.next();
                    if (wanted.test(message)) {
                        it.remove();
                        return Optional.of(message);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                try {
                    AmqpMessage next = arrived.poll(left, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        seen.add(next);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        /** The message with this message-id, waiting up to 15 s. */
        AmqpMessage awaitId(String id) {
            return await(message -> id.equals(message.id()));
        }

        @Override
        public void close() {
            AmqpTestClient.await(receiver.close());
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
