package dev.papertrader.loadtest;

import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.database.DatabaseServer;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The physical limits the pipeline is compared with, measured on the same PostgreSQL and broker, after the load.
 *
 * <ul>
 *   <li><b>PostgreSQL commit rate</b>: one JDBC connection, a prepared single-row insert of a message-sized body and
 *       a commit, in a loop, with the server's settings (the services' durability: same server, same
 *       {@code synchronous_commit} and {@code fsync}); commits per second and commit latency.</li>
 *   <li><b>Broker round trip</b>: one durable message of the same size sent with the Vert.x AMQP client (as
 *       service-support's AmqpBroker sends: durable, settled on the broker's accept) and received on a queue, one at a
 *       time.</li>
 *   <li><b>Broker send throughput</b>: durable messages sent with up to {@value #SEND_WINDOW} unconfirmed at once.</li>
 *   <li><b>No-op consumer floor</b>: those messages drained at the same time by a receiver that accepts each without
 *       work: the cost of the messaging stack alone (the services use the Vert.x AMQP client directly, not SmallRye
 *       Reactive Messaging, so this is the floor of what they use).</li>
 * </ul>
 */
final class PhysicalLimits {

    static final int SEND_WINDOW = 500;

    /** The measured limits. */
    record Result(double commitsPerSecond, LatencySummary commitLatency, LatencySummary brokerRoundTrip,
                  double brokerSendsPerSecond, double noOpConsumesPerSecond, int messageBytes) {
    }

    private PhysicalLimits() {
    }

    static Result measure(DatabaseServer database, BrokerEndpoint broker, byte[] body, double seconds, java.io.PrintStream out)
            throws Exception {
        Histogram commits = LatencySummary.newMicrosHistogram();
        double commitRate = commitLoop(database, body, seconds, commits);
        out.printf("  PostgreSQL: %.0f commits/s%n", commitRate);
        Vertx vertx = Vertx.vertx();
        try {
            AmqpClientOptions options = new AmqpClientOptions().setHost(broker.host()).setPort(broker.port());
            if (broker.hasCredentials()) {
                options.setUsername(broker.username()).setPassword(broker.password());
            }
            AmqpClient client = AmqpClient.create(vertx, options);
            AmqpConnection connection = await(client.connect());
            try {
                Histogram roundTrips = LatencySummary.newMicrosHistogram();
                roundTrip(connection, body, seconds, roundTrips);
                out.printf("  broker round trip: p50 %.2f ms%n", LatencySummary.ofMicros(roundTrips).p50());
                int messages = (int) Math.max(1000, Math.min(20_000, 2000 * seconds));
                double[] rates = throughput(connection, body, messages);
                out.printf("  broker: %.0f sends/s, %.0f no-op consumes/s%n", rates[0], rates[1]);
                return new Result(commitRate, LatencySummary.ofMicros(commits), LatencySummary.ofMicros(roundTrips),
                        rates[0], rates[1], body.length);
            } finally {
                await(connection.close());
                await(client.close());
            }
        } finally {
            await(vertx.close());
        }
    }

    private static double commitLoop(DatabaseServer database, byte[] body, double seconds, Histogram latencies)
            throws SQLException {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        try (Connection connection = database.connectAsSuperuser()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("drop table if exists public.loadtest_commit_probe");
                statement.execute("create table public.loadtest_commit_probe (id bigint primary key, body text not null)");
            }
            connection.setAutoCommit(false);
            long commits = 0;
            long started = System.nanoTime();
            long end = started + (long) (seconds * 1e9);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into public.loadtest_commit_probe (id, body) values (?, ?)")) {
                long now = started;
                while (now < end) {
                    insert.setLong(1, commits);
                    insert.setString(2, text);
                    insert.executeUpdate();
                    connection.commit();
                    long after = System.nanoTime();
                    latencies.recordValue((after - now) / 1000);
                    now = after;
                    commits++;
                }
                double rate = commits / ((now - started) / 1e9);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("drop table public.loadtest_commit_probe");
                }
                connection.commit();
                return rate;
            }
        }
    }

    private static void roundTrip(AmqpConnection connection, byte[] body, double seconds, Histogram latencies)
            throws Exception {
        String address = "loadtest.probe.round-trip";
        AmqpSender sender = await(connection.createSender(address));
        ConcurrentHashMap<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        AmqpReceiver receiver = await(connection.createReceiver(address, new AmqpReceiverOptions()));
        receiver.handler(message -> {
            CompletableFuture<Long> arrival = waiting.remove(message.id());
            if (arrival != null) {
                arrival.complete(System.nanoTime());
            }
        });
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long sequence = 0;
        while (System.nanoTime() < end) {
            String id = "rt-" + sequence++;
            CompletableFuture<Long> arrival = new CompletableFuture<>();
            waiting.put(id, arrival);
            long sent = System.nanoTime();
            sender.send(message(address, id, body));
            long received = arrival.get(10, TimeUnit.SECONDS);
            latencies.recordValue((received - sent) / 1000);
        }
        await(receiver.close());
        await(sender.close());
    }

    /**
     * {sends per second with acknowledgement, no-op consumes per second}: the receiver is attached first (so the
     * broker has a queue for the address), then {@code messages} are sent with up to {@value #SEND_WINDOW}
     * unconfirmed while it drains them; sends/s = messages ÷ time to the last acknowledgement, consumes/s = messages
     * ÷ time to the last delivery.
     */
    private static double[] throughput(AmqpConnection connection, byte[] body, int messages) throws Exception {
        String address = "loadtest.probe.throughput";
        CompletableFuture<Void> allConsumed = new CompletableFuture<>();
        AtomicLong consumed = new AtomicLong();
        AmqpReceiver receiver = await(connection.createReceiver(address,
                new AmqpReceiverOptions().setMaxBufferedMessages(SEND_WINDOW)));
        receiver.handler(message -> {
            if (consumed.incrementAndGet() == messages) {
                allConsumed.complete(null);
            }
        });
        AmqpSender sender = await(connection.createSender(address));
        Semaphore window = new Semaphore(SEND_WINDOW);
        CompletableFuture<Void> allAccepted = new CompletableFuture<>();
        AtomicLong accepted = new AtomicLong();
        long started = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker acknowledged nothing for 30 s");
            }
            sender.sendWithAck(message(address, "tp-" + i, body)).onComplete(result -> {
                window.release();
                if (result.failed()) {
                    allAccepted.completeExceptionally(result.cause());
                } else if (accepted.incrementAndGet() == messages) {
                    allAccepted.complete(null);
                }
            });
        }
        allAccepted.get(60, TimeUnit.SECONDS);
        double sendRate = messages / ((System.nanoTime() - started) / 1e9);
        allConsumed.get(60, TimeUnit.SECONDS);
        double consumeRate = messages / ((System.nanoTime() - started) / 1e9);
        await(sender.close());
        await(receiver.close());
        return new double[] {sendRate, consumeRate};
    }

    private static AmqpMessage message(String address, String id, byte[] body) {
        return AmqpMessage.create().address(address).id(id).durable(true).contentType("application/json")
                .withBufferAsBody(Buffer.buffer(body)).build();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
