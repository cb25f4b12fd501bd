package dev.papertrader.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.database.EmbeddedDatabase;
import dev.papertrader.service.engine.SerialExecutor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commit path on a real PostgreSQL: what it stores, and when it starts an outbox relay round. */
class TransactionalMessagingTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static EmbeddedDatabase database;
    private static Vertx vertx;
    private static Pool pool;

    /** The service's outbox table, counting the relay's reads. */
    private final AtomicInteger relayReads = new AtomicInteger();
    /** Messages the tests' envelopes acknowledged. */
    private final AtomicInteger acks = new AtomicInteger();
    private final OutboxRelayTests.RecordingSender sender = new OutboxRelayTests.RecordingSender();
    private TransactionalMessaging messaging;

    @BeforeAll
    static void startDatabase() throws IOException {
        database = EmbeddedDatabase.startTemporary();
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().using(vertx).connectingTo(new PgConnectOptions().setHost(database.host())
                .setPort(database.port()).setDatabase(EmbeddedDatabase.DATABASE).setUser(EmbeddedDatabase.SUPERUSER))
                .build();
        try (InputStream migration = TransactionalMessagingTests.class.getResourceAsStream(
                "/db/common/V0_1__messaging.sql")) {
            pool.query(new String(migration.readAllBytes(), StandardCharsets.UTF_8)).execute().await().atMost(WAIT);
        }
    }

    @AfterAll
    static void stopDatabase() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
        database.close();
    }

    @BeforeEach
    void emptyTablesAndStartRelay() {
        pool.query("truncate outbox, inbox").execute().await().atMost(WAIT);
        OutboxRelay.PgStore table = new OutboxRelay.PgStore(pool);
        OutboxRelay.Store counting = new OutboxRelay.Store() {
            @Override
            public Uni<List<OutboxRelay.Row>> unsent(int limit) {
                relayReads.incrementAndGet();
                return table.unsent(limit);
            }

            @Override
            public Uni<Void> markSent(List<Long> seqs) {
                return table.markSent(seqs);
            }
        };
        OutboxRelay relay = new OutboxRelay(counting, sender,
                new OutboxRelayTests.Relay(100, Duration.ofSeconds(1), Duration.ofSeconds(5), true), null);
        messaging = new TransactionalMessaging(pool, new SerialExecutor(), relay, null);
    }

    @Test
    void aCommitThatWritesOutboxRowsStartsARelayRoundThatSendsThem() {
        OutgoingMessage fill = new OutgoingMessage("fill-1", "trading.fills", "fill", "{\"id\":\"fill-1\"}", Map.of());

        messaging.commit("rest", List.of(), connection -> Uni.createFrom().item(List.of(fill))).await().atMost(WAIT);

        awaitUntil(() -> sender.sent.contains("fill-1"));
        assertThat(relayReads.get()).isPositive();
        awaitUntil(() -> count("select count(*) from outbox where sent_at is not null") == 1);
    }

    @Test
    void aCommitThatWritesNoOutboxRowLeavesTheRelayIdle() {
        messaging.commit("rest", List.of(), connection -> connection.query("insert into inbox (consumer, message_id)"
                + " values ('rest', 'command-1')").execute().replaceWith(List.<OutgoingMessage>of()))
                .await().atMost(WAIT);

        assertThat(count("select count(*) from inbox where message_id = 'command-1'")).isEqualTo(1);
        assertThat(relayReads.get()).isZero();
        assertThat(sender.sent).isEmpty();
    }

    @Test
    void aMessageAlreadyInTheInboxIsAckedWithoutReachingTheHandlerByDefault() {
        inbox("trading.orders", "o-1");
        AtomicInteger handled = new AtomicInteger();

        messaging.receive("trading.orders", envelope("o-1"), message -> {
            handled.incrementAndGet();
            return Uni.createFrom().voidItem();
        }).await().atMost(WAIT);

        assertThat(handled.get()).isZero();
        assertThat(acks.get()).isEqualTo(1);
    }

    @Test
    void aHandlerThatChecksTheInboxItselfGetsEveryMessageAndCanSkipOrRejectAProcessedOne() {
        inbox("trading.orders", "o-1");
        AtomicInteger handled = new AtomicInteger();
        MessageHandler handler = message -> {
            handled.incrementAndGet();
            return messaging.acknowledgeIfProcessedElseReject(message, () -> "late " + message.id());
        };

        messaging.receive("trading.orders", envelope("o-1"), handler, InboxCheck.BY_HANDLER).await().atMost(WAIT);

        assertThat(handled.get()).isEqualTo(1);
        assertThat(acks.get()).as("processed: acked, not rejected").isEqualTo(1);
        ReceivedMessage unknown = new ReceivedMessage("trading.orders", "o-2", MessageType.ORDER, null, envelope("o-2"));
        assertThatThrownBy(() -> messaging.acknowledgeIfProcessedElseReject(unknown, () -> "late o-2")
                .await().atMost(WAIT)).isInstanceOf(RejectedMessageException.class).hasMessage("late o-2");
        assertThat(acks.get()).isEqualTo(1);
    }

    private IncomingEnvelope envelope(String id) {
        return IncomingEnvelope.of("trading.orders", id, "order", IncomingEnvelopeTests.ORDER.replace("o-1", id),
                new IncomingEnvelope.Settlement() {
                    @Override
                    public CompletionStage<Void> accept() {
                        acks.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    }

                    @Override
                    public CompletionStage<Void> fail(Throwable reason) {
                        return CompletableFuture.completedFuture(null);
                    }
                });
    }

    private static void inbox(String consumer, String messageId) {
        pool.preparedQuery("insert into inbox (consumer, message_id) values ($1, $2)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(consumer, messageId)).await().atMost(WAIT);
    }

    private static long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
