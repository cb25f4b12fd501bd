package dev.papertrader.service.messaging;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox to the broker: the unsent rows in {@code seq} order, through {@link AmqpBroker#send} (an
 * anonymous sender: each message goes to its own address).
 *
 * <p>A round reads up to {@code papertrader.messaging.relay.batch-size} unsent rows, sends them all at once
 * (pipelined), waits for the broker to accept each, and marks sent the accepted rows that precede the first failure.
 * A row is marked only after the broker has it, and sent again if the service stops in between: delivery is at
 * least once, and consumers are idempotent on the message id. After a failure the next round (on the next wake or
 * tick) starts again from the oldest unsent row, so no message is marked sent ahead of one that failed.
 *
 * <p>Rounds run one at a time. {@link #wake()} is called after every commit that wrote to the outbox; a periodic
 * timer ({@code relay.period}) wakes it too, so rows left after a crash or a broker outage go out without new work.
 * A full batch is followed at once by another round.
 *
 * <p>Each message: message-id = row id, durable, the row's content type (JSON for every message record), body = the
 * row's text as a data section, application properties {@code type} and the row's properties.
 */
@ApplicationScoped
public class OutboxRelay {

    /** An outbox row: its position and its message. */
    record Row(long seq, OutgoingMessage message) {
    }

    /** Where the rows are kept. */
    interface Store {
        /** The oldest unsent rows, at most {@code limit}, by seq. */
        Uni<List<Row>> unsent(int limit);

        Uni<Void> markSent(List<Long> seqs);
    }

    /** Sends one message; the {@code Uni} completes when the broker has accepted it. */
    interface Sender {
        Uni<Void> send(OutgoingMessage message);
    }

    private final Store store;
    private final Sender sender;
    private final MessagingConfig.Relay config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean stopped;
    private long timerId = -1;

    @Inject
    public OutboxRelay(Pool pool, AmqpBroker broker, MessagingConfig config, Vertx vertx) {
        this(new PgStore(pool), message -> Uni.createFrom().completionStage(() -> broker.send(message)), config.relay(),
                vertx);
    }

    /** A relay over any store and sender (tests); {@code vertx} may be null when no timer is started. */
    OutboxRelay(Store store, Sender sender, MessagingConfig.Relay config, Vertx vertx) {
        this.store = store;
        this.sender = sender;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        timerId = vertx.setPeriodic(config.period().toMillis(), tick -> wake());
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Asks for a round; if one is running, another follows it. Returns at once. */
    public void wake() {
        if (stopped || !config.enabled()) {
            return;
        }
        wakeRequested.set(true);
        if (running.compareAndSet(false, true)) {
            runRounds();
        }
    }

    /** Whether a round is running now. */
    public boolean isRunning() {
        return running.get();
    }

    private void runRounds() {
        wakeRequested.set(false);
        Uni.createFrom().deferred(this::round).subscribe().with(outcome -> {
            if (!stopped && (outcome == Outcome.FULL || (outcome == Outcome.DRAINED && wakeRequested.get()))) {
                runRounds();
                return;
            }
            finish();
        }, failure -> {
            Log.warnf(failure, "outbox relay round failed; retrying on the next tick");
            finish();
        });
    }

    /** Releases the relay, unless a wake arrived meanwhile: then this thread takes the next round. */
    private void finish() {
        running.set(false);
        if (!stopped && wakeRequested.get() && running.compareAndSet(false, true)) {
            runRounds();
        }
    }

    private enum Outcome { DRAINED, FULL, INCOMPLETE }

    private Uni<Outcome> round() {
        int batchSize = config.batchSize();
        return store.unsent(batchSize).chain(batch -> {
            if (batch.isEmpty()) {
                return Uni.createFrom().item(Outcome.DRAINED);
            }
            List<Uni<Boolean>> sends = batch.stream().map(this::send).toList();
            return Uni.join().all(sends).andFailFast().chain(accepted -> {
                List<Long> sent = new ArrayList<>();
                for (int i = 0; i < batch.size() && accepted.get(i); i++) {
                    sent.add(batch.get(i).seq());
                }
                Outcome outcome = sent.size() < batch.size() ? Outcome.INCOMPLETE
                        : batch.size() == batchSize ? Outcome.FULL : Outcome.DRAINED;
                return (sent.isEmpty() ? Uni.createFrom().voidItem() : store.markSent(sent)).replaceWith(outcome);
            });
        });
    }

    /** Sends one row; the item says whether the broker accepted it in time (a failure is logged, not raised). */
    private Uni<Boolean> send(Row row) {
        OutgoingMessage message = row.message();
        return Uni.createFrom().deferred(() -> sender.send(message))
                .ifNoItem().after(config.sendTimeout()).fail()
                .map(done -> true)
                .onFailure().recoverWithItem(failure -> {
                    // One line per message, without the stack: while the broker is away every row of a round fails.
                    Log.warnf("sending outbox message %s to %s failed: %s", message.id(), message.address(), failure);
                    return false;
                });
    }

    /** The outbox table of the service's schema. */
    static final class PgStore implements Store {
        private final Pool pool;

        PgStore(Pool pool) {
            this.pool = pool;
        }

        @Override
        public Uni<List<Row>> unsent(int limit) {
            return pool.preparedQuery("""
                            select seq, id, address, type, content_type, body, properties from outbox
                            where sent_at is null order by seq limit $1""")
                    .execute(Tuple.of(limit))
                    .map(rows -> {
                        List<Row> batch = new ArrayList<>();
                        for (io.vertx.mutiny.sqlclient.Row row : rows) {
                            JsonObject properties = row.getJsonObject("properties");
                            Map<String, String> extra = new java.util.LinkedHashMap<>();
                            if (properties != null) {
                                properties.forEach(e -> extra.put(e.getKey(), String.valueOf(e.getValue())));
                            }
                            batch.add(new Row(row.getLong("seq"), new OutgoingMessage(row.getString("id"),
                                    row.getString("address"), row.getString("type"), row.getString("content_type"),
                                    row.getString("body"), extra)));
                        }
                        return batch;
                    });
        }

        @Override
        public Uni<Void> markSent(List<Long> seqs) {
            return pool.preparedQuery("update outbox set sent_at = now() where seq = any($1)")
                    .execute(Tuple.of(seqs.toArray(Long[]::new)))
                    .replaceWithVoid();
        }
    }
}
