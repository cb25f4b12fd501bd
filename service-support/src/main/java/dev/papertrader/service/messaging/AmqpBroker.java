package dev.papertrader.service.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one AMQP connection, with the Vert.x AMQP client: it reads the service's queues, handing every
 * message to {@link TransactionalMessaging#receive(String, IncomingEnvelope, MessageHandler)}, and sends the outbox
 * ({@link OutboxRelay}) through an anonymous sender, each message to its own address.
 *
 * <p>Why not smallrye-amqp channels: that connector turns every body labelled {@code application/json} into a
 * {@code JsonObject}, on receipt and on sending. A received body that is not JSON is then dropped before the
 * application sees it (logged and left unsettled, never dead-lettered), such a body cannot be sent on to
 * {@code dead.letters}, and decimals go through doubles. Here bodies travel as they are.
 *
 * <p>The broker is given by the {@code amqp-host}, {@code amqp-port}, {@code amqp-username}, {@code amqp-password}
 * properties. Received messages are settled by the service: accepted after its transaction commits, or given back
 * as failed (AMQP {@code modified}, delivery-failed) so the broker delivers them again. Flow control, per queue:
 * reading pauses while {@code papertrader.messaging.input.max-in-flight} messages are being handled, or while
 * {@code papertrader.messaging.input.max-unsettled} messages are received and not yet settled (handled, or held for
 * a later transaction, like a bar waiting for its slice), and resumes at half of each. The receiver grants the
 * broker at most {@code max-in-flight} credits beyond what was handed to the service. So a consumer that falls
 * behind holds at most {@code max-unsettled + max-in-flight} messages of a queue in memory; the rest waits in the
 * broker until it catches up. The gauge {@code papertrader_messaging_unsettled{queue}} shows the count.
 * When the connection drops it reconnects every {@code papertrader.messaging.input.reconnect-delay} and attaches
 * the queues again; the broker redelivers what was not settled, and sends fail until then (the relay retries).
 */
@ApplicationScoped
public class AmqpBroker {

    /** One queue read for one consumer. */
    private static final class Input {
        final String address;
        final String consumer;
        final MessageHandler handler;
        final InboxCheck inboxCheck;
        volatile AmqpReceiver receiver;
        int inFlight;
        /** Delivered to the service and not yet accepted or failed; read by the metrics gauge. */
        volatile int unsettled;
        boolean paused;

        Input(String address, String consumer, MessageHandler handler, InboxCheck inboxCheck) {
            this.address = address;
            this.consumer = consumer;
            this.handler = handler;
            this.inboxCheck = inboxCheck;
        }
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Vertx vertx;
    private final TransactionalMessaging messaging;
    private final MessagingConfig config;
    private final MeterRegistry meters;
    private final AmqpClientOptions options;
    private final List<Input> inputs = new CopyOnWriteArrayList<>();
    private Context context;
    private AmqpClient client;
    private volatile AmqpConnection connection;
    private volatile AmqpSender sender;
    private boolean connecting;
    private volatile boolean stopped;

    public AmqpBroker(Vertx vertx, TransactionalMessaging messaging, MessagingConfig config, MeterRegistry meters,
            @ConfigProperty(name = "amqp-host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "amqp-port", defaultValue = "5672") int port,
            @ConfigProperty(name = "amqp-username") Optional<String> username,
            @ConfigProperty(name = "amqp-password") Optional<String> password) {
        this.vertx = vertx;
        this.messaging = messaging;
        this.config = config;
        this.meters = meters;
        this.options = new AmqpClientOptions().setHost(host).setPort(port).setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        username.ifPresent(options::setUsername);
        password.ifPresent(options::setPassword);
    }

    /**
     * Starts reading {@code address} (a queue, e.g. {@code market.bars::market.bars.orders}): each message goes to
     * {@code handler} through {@link TransactionalMessaging#receive}, with {@code consumer} as its inbox name.
     * Call it once per queue, at startup (e.g. observing {@code StartupEvent}).
     */
    public void consume(String address, String consumer, MessageHandler handler) {
        consume(address, consumer, handler, InboxCheck.BEFORE_HANDLER);
    }

    /** As {@link #consume(String, String, MessageHandler)}, saying who skips messages already processed. */
    public void consume(String address, String consumer, MessageHandler handler, InboxCheck inboxCheck) {
        Input input = new Input(address, consumer, handler, inboxCheck);
        inputs.add(input);
        Gauge.builder("papertrader.messaging.unsettled", input, in -> in.unsettled).tag("queue", address)
                .description("messages received from the queue and not yet settled").register(meters);
        context().runOnContext(v -> {
            if (connection != null) {
                attach(input);
            } else {
                connect();
            }
        });
    }

    /** Whether the connection is up, with its sender and a receiver for every queue. */
    public boolean isReady() {
        return connection != null && sender != null && inputs.stream().allMatch(input -> input.receiver != null);
    }

    /**
     * Sends {@code outgoing} to its address: message-id = its id, durable, its content type, body = its text as a
     * data section, application properties {@code type} and its properties. Completes when the broker has accepted
     * it; fails when there is no connection or the broker refuses it.
     */
    public CompletionStage<Void> send(OutgoingMessage outgoing) {
        JsonObject properties = new JsonObject();
        outgoing.properties().forEach(properties::put);
        properties.put("type", outgoing.type());
        AmqpMessage message = AmqpMessage.create()
                .address(outgoing.address())
                .id(outgoing.id())
                .durable(true)
                .contentType(outgoing.contentType())
                .applicationProperties(properties)
                .withBufferAsBody(Buffer.buffer(outgoing.body().getBytes(StandardCharsets.UTF_8)))
                .build();
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        context().runOnContext(v -> {
            if (sender == null) {
                connect();
                accepted.completeExceptionally(new IllegalStateException("not connected to the AMQP broker"));
                return;
            }
            sender.sendWithAck(message).onComplete(result -> {
                if (result.succeeded()) {
                    accepted.complete(null);
                } else {
                    accepted.completeExceptionally(result.cause());
                }
            });
        });
        return accepted;
    }

    /** Opens the connection now (else the first {@link #consume} or {@link #send} does). */
    public void start() {
        context().runOnContext(v -> connect());
    }

    /** The queues it reads. */
    public List<String> addresses() {
        return inputs.stream().map(input -> input.address).toList();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (context != null) {
            context.runOnContext(v -> {
                if (connection != null) {
                    connection.close();
                }
                if (client != null) {
                    client.close();
                }
            });
        }
    }

    private synchronized Context context() {
        if (context == null) {
            context = vertx.getOrCreateContext();
        }
        return context;
    }

    // Everything below runs on the inputs' context.

    private void connect() {
        if (connecting || connection != null || stopped) {
            return;
        }
        connecting = true;
        if (client == null) {
            client = AmqpClient.create(vertx, options);
        }
        client.connect().onComplete(result -> {
            connecting = false;
            if (result.failed()) {
                Log.warnf("cannot connect to the AMQP broker at %s:%d (%s); retrying in %s", options.getHost(),
                        options.getPort(), result.cause().getMessage(), config.input().reconnectDelay());
                reconnectLater();
                return;
            }
            AmqpConnection connected = result.result();
            connection = connected;
            connected.exceptionHandler(e -> disconnected(connected, e));
            connected.closeFuture().onComplete(done -> disconnected(connected, done.cause()));
            connected.createAnonymousSender().onComplete(created -> {
                if (created.succeeded() && connection == connected) {
                    sender = created.result();
                } else if (created.failed()) {
                    Log.warnf("cannot open a sender: %s", created.cause().getMessage());
                }
            });
            inputs.forEach(this::attach);
        });
    }

    private void attach(Input input) {
        AmqpConnection current = connection;
        AmqpReceiverOptions receiverOptions = new AmqpReceiverOptions().setAutoAcknowledgement(false)
                .setDurable(false).setLinkName(input.consumer).setMaxBufferedMessages(config.input().maxInFlight());
        current.createReceiver(input.address, receiverOptions).onComplete(result -> {
            if (result.failed()) {
                Log.warnf("cannot read %s: %s; retrying in %s", input.address, result.cause().getMessage(),
                        config.input().reconnectDelay());
                vertx.setTimer(config.input().reconnectDelay().toMillis(), t -> context.runOnContext(v -> {
                    if (connection == current && !stopped) {
                        attach(input);
                    }
                }));
                return;
            }
            AmqpReceiver receiver = result.result();
            input.receiver = receiver;
            input.inFlight = 0;
            input.unsettled = 0; // what the lost link held is the broker's to redeliver
            input.paused = false;
            receiver.exceptionHandler(e -> Log.warnf(e, "receiver of %s failed", input.address));
            receiver.handler(message -> deliver(input, receiver, message));
            Log.infof("reading %s for %s", input.address, input.consumer);
        });
    }

    private void deliver(Input input, AmqpReceiver receiver, AmqpMessage message) {
        input.inFlight++;
        input.unsettled++;
        if (!input.paused && (input.inFlight >= config.input().maxInFlight()
                || input.unsettled >= config.input().maxUnsettled())) {
            input.paused = true;
            receiver.pause();
        }
        IncomingEnvelope envelope = IncomingEnvelope.of(input.address, message, settlement(input, receiver, message));
        messaging.receive(input.consumer, envelope, input.handler, input.inboxCheck)
                .subscribe().with(done -> handled(input, receiver), failure -> handled(input, receiver));
    }

    private void handled(Input input, AmqpReceiver receiver) {
        context.runOnContext(v -> {
            if (input.receiver != receiver) {
                return;
            }
            input.inFlight--;
            resumeIfDrained(input, receiver);
        });
    }

    private void settled(Input input, AmqpReceiver receiver) {
        if (input.receiver != receiver) {
            return;
        }
        input.unsettled--;
        resumeIfDrained(input, receiver);
    }

    private void resumeIfDrained(Input input, AmqpReceiver receiver) {
        if (input.paused && input.inFlight <= config.input().maxInFlight() / 2
                && input.unsettled <= config.input().maxUnsettled() / 2) {
            input.paused = false;
            receiver.resume();
        }
    }

    private IncomingEnvelope.Settlement settlement(Input input, AmqpReceiver receiver, AmqpMessage message) {
        AtomicBoolean done = new AtomicBoolean();
        return new IncomingEnvelope.Settlement() {
            @Override
            public CompletionStage<Void> accept() {
                return onContext(() -> {
                    message.accepted();
                    if (done.compareAndSet(false, true)) {
                        settled(input, receiver);
                    }
                });
            }

            @Override
            public CompletionStage<Void> fail(Throwable reason) {
                return onContext(() -> {
                    message.modified(true, false);
                    if (done.compareAndSet(false, true)) {
                        settled(input, receiver);
                    }
                });
            }
        };
    }

    /** Settles on the connection's context, as proton requires. */
    private CompletionStage<Void> onContext(Runnable settle) {
        Promise<Void> settled = Promise.promise();
        context.runOnContext(v -> {
            try {
                settle.run();
                settled.complete();
            } catch (RuntimeException e) {
                settled.fail(e);
            }
        });
        CompletableFuture<Void> result = new CompletableFuture<>();
        settled.future().onComplete(r -> {
            if (r.succeeded()) {
                result.complete(null);
            } else {
                result.completeExceptionally(r.cause());
            }
        });
        return result;
    }

    private void disconnected(AmqpConnection lost, Throwable cause) {
        context.runOnContext(v -> {
            if (connection != lost) {
                return;
            }
            connection = null;
            sender = null;
            inputs.forEach(input -> input.receiver = null);
            if (!stopped) {
                Log.warnf("lost the AMQP connection (%s); reconnecting in %s", cause == null ? "closed" : cause.getMessage(),
                        config.input().reconnectDelay());
                reconnectLater();
            }
        });
    }

    private void reconnectLater() {
        vertx.setTimer(config.input().reconnectDelay().toMillis(), t -> context.runOnContext(v -> connect()));
    }
}
