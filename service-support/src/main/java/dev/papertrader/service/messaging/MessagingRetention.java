package dev.papertrader.service.messaging;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes messaging bookkeeping rows that have served their purpose, so the outbox, inbox and dead-letter tables
 * do not grow without end ({@code papertrader.messaging.retention.*}).
 *
 * <ul>
 *   <li>outbox: rows the broker accepted ({@code sent_at} set) more than {@code retention.outbox} ago. An unsent row
 *       is never deleted, however old: it is a message still owed to the broker.</li>
 *   <li>inbox: consumed message ids older than {@code retention.inbox}. Only a message whose acknowledgement was lost
 *       is ever redelivered, and the broker redelivers it as soon as the consumer reconnects; the first pass runs one
 *       period after start so that such redeliveries meet their inbox row.</li>
 *   <li>dead letters: older than {@code retention.dead-letters}.</li>
 * </ul>
 *
 * <p>Ages are measured with the database's clock: this is housekeeping, never trading state. Each statement
 * deletes at most {@code retention.batch-size} rows and runs in its own transaction; a pass repeats a statement
 * until it deletes fewer rows than that.
 */
@ApplicationScoped
public class MessagingRetention {

    /** Rows deleted by one pass, per table. */
    public record Pruned(long outbox, long inbox, long deadLetters) {
    }

    private static final String DELETE_SENT_OUTBOX = """
            delete from outbox where seq in (
              select seq from outbox where sent_at < now() - make_interval(secs => $1) order by seq limit $2)""";
    private static final String DELETE_OLD_INBOX = """
            delete from inbox where (consumer, message_id) in (
              select consumer, message_id from inbox where received_at < now() - make_interval(secs => $1) limit $2)""";
    private static final String DELETE_OLD_DEAD_LETTERS = """
            delete from dead_letters where seq in (
              select seq from dead_letters where received_at < now() - make_interval(secs => $1) order by seq limit $2)""";

    private final Pool pool;
    private final MessagingConfig.Retention config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    @Inject
    public MessagingRetention(Pool pool, MessagingConfig config, Vertx vertx) {
        this(pool, config.retention(), vertx);
    }

    /** Retention over any pool; {@code vertx} may be null when no timer is started (tests call {@link #prune()}). */
    MessagingRetention(Pool pool, MessagingConfig.Retention config, Vertx vertx) {
        this.pool = pool;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        long period = config.period().toMillis();
        timerId = vertx.setPeriodic(period, period, tick -> runPass());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void runPass() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous pass is still deleting
        }
        prune().subscribe().with(pruned -> {
            running.set(false);
            if (pruned.outbox() + pruned.inbox() + pruned.deadLetters() > 0) {
                Log.infof("retention: deleted %d sent outbox rows, %d inbox ids, %d dead letters", pruned.outbox(),
                        pruned.inbox(), pruned.deadLetters());
            }
        }, failure -> {
            running.set(false);
            Log.warnf("retention pass failed; trying again next period: %s", failure.toString());
        });
    }

    /** One pass over the three tables. */
    public Uni<Pruned> prune() {
        return deleteAll(DELETE_SENT_OUTBOX, config.outbox())
                .chain(outbox -> deleteAll(DELETE_OLD_INBOX, config.inbox())
                        .chain(inbox -> deleteAll(DELETE_OLD_DEAD_LETTERS, config.deadLetters())
                                .map(deadLetters -> new Pruned(outbox, inbox, deadLetters))));
    }

    /** Repeats one batched delete until a batch comes back short; the item is the total deleted. */
    private Uni<Long> deleteAll(String sql, Duration age) {
        return deleteFrom(sql, age, 0);
    }

    private Uni<Long> deleteFrom(String sql, Duration age, long deletedSoFar) {
        int batchSize = config.batchSize();
        return pool.preparedQuery(sql).execute(Tuple.of(age.toMillis() / 1000.0, batchSize)).chain(rows -> {
            long total = deletedSoFar + rows.rowCount();
            return rows.rowCount() < batchSize ? Uni.createFrom().item(total) : deleteFrom(sql, age, total);
        });
    }
}
