package dev.papertrader.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.service.engine.SerialExecutor;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commit path on a real PostgreSQL: what it stores, and when it starts an outbox relay round. */
class TransactionalMessagingTests {

    private static final Duration WAIT = MessagingDatabase.WAIT;

    @RegisterExtension
    static final MessagingDatabase DATABASE = new MessagingDatabase();

    /** How often the relay read the outbox. */
    private final AtomicInteger relayReads = new AtomicInteger();
    private final CountingSettlement settlement = new CountingSettlement();
    private final OutboxRelayTests.RecordingSender sender = new OutboxRelayTests.RecordingSender();
    private TransactionalMessaging messaging;

    @BeforeEach
    void emptyTablesAndStartRelay() {
        DATABASE.sql("truncate outbox, inbox");
        OutboxRelay.PgStore table = new OutboxRelay.PgStore(DATABASE.pool());
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
        messaging = new TransactionalMessaging(DATABASE.pool(), new SerialExecutor(), relay, null);
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
        assertThat(settlement.acks.get()).isEqualTo(1);
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
        assertThat(settlement.acks.get()).as("processed: acked, not rejected").isEqualTo(1);
        ReceivedMessage unknown = new ReceivedMessage("trading.orders", "o-2", MessageType.ORDER, null, envelope("o-2"));
        assertThatThrownBy(() -> messaging.acknowledgeIfProcessedElseReject(unknown, () -> "late o-2")
                .await().atMost(WAIT)).isInstanceOf(RejectedMessageException.class).hasMessage("late o-2");
        assertThat(settlement.acks.get()).isEqualTo(1);
    }

    private IncomingEnvelope envelope(String id) {
        return IncomingEnvelope.of("trading.orders", id, "order", IncomingEnvelopeTests.ORDER.replace("o-1", id),
                settlement);
    }

    private static void inbox(String consumer, String messageId) {
        DATABASE.pool().preparedQuery("insert into inbox (consumer, message_id) values ($1, $2)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(consumer, messageId)).await().atMost(WAIT);
    }

    private static long count(String sql) {
        return DATABASE.pool().query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
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
