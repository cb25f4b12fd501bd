package dev.papertrader.service.messaging;

import dev.papertrader.core.json.MessageFormatException;
import dev.papertrader.service.engine.SerialExecutor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Exactly-once processing over at-least-once delivery: what a service consumed (inbox), the state it changed and
 * what it will send (outbox) are written in one PostgreSQL transaction, and the AMQP messages are acknowledged only
 * after that transaction has committed.
 *
 * <ul>
 *   <li>{@link #receive} is the entry point for each received message ({@link AmqpBroker} calls it): it decodes
 *       the message, dead-letters poison, skips (acks) what the consumer has already processed, and hands the rest
 *       to a handler, all on the service's {@link SerialExecutor}.</li>
 *   <li>{@link #commit} is the one transaction: inbox rows for every consumed message, the service's work (domain
 *       rows and engine state through the given connection), the outbox rows the work returns. After the commit it
 *       acks every consumed message and wakes the {@link OutboxRelay}; when the transaction fails it gives them back
 *       as failed (the broker delivers them again) and fails, so the service can reload its engine state from what
 *       was committed.</li>
 * </ul>
 *
 * A message whose id is already in the inbox makes the commit fail (and the messages be redelivered, then skipped
 * by {@link #receive}): a message is never processed twice, not even through a bug in a handler.
 */
@ApplicationScoped
public class TransactionalMessaging {

    private final Pool pool;
    private final SerialExecutor executor;
    private final OutboxRelay relay;
    private final DeadLetters deadLetters;

    public TransactionalMessaging(Pool pool, SerialExecutor executor, OutboxRelay relay, DeadLetters deadLetters) {
        this.pool = pool;
        this.executor = executor;
        this.relay = relay;
        this.deadLetters = deadLetters;
    }

    /**
     * Processes a received message on the service's executor: a message that cannot be decoded (not JSON, an
     * unknown kind, an invalid record) is {@linkplain DeadLetters#reject rejected}; one the consumer has already
     * processed is acked and skipped; any other goes to {@code handler}. A handler failing with a
     * {@link RejectedMessageException} dead-letters the message; any other failure leaves it to be redelivered
     * (nacked if the handler did not settle it). The returned {@code Uni} never fails, so the stream never stops.
     * {@link AmqpBroker} calls it for every message of the queues a service consumes.
     *
     * @param consumer the inbox consumer name, unique within the service (e.g. the queue's name)
     */
    public Uni<Void> receive(String consumer, IncomingEnvelope envelope, MessageHandler handler) {
        return receive(consumer, envelope, handler, InboxCheck.BEFORE_HANDLER);
    }

    /**
     * As {@link #receive(String, IncomingEnvelope, MessageHandler)}; with {@link InboxCheck#BY_HANDLER} the handler
     * gets every decoded message without the inbox query before it, and answers for messages already processed.
     */
    public Uni<Void> receive(String consumer, IncomingEnvelope envelope, MessageHandler handler, InboxCheck check) {
        return executor.submit(() -> process(consumer, envelope, handler, check));
    }

    private Uni<Void> process(String consumer, IncomingEnvelope envelope, MessageHandler handler, InboxCheck check) {
        MessageType type;
        Object payload;
        String id;
        try {
            type = envelope.type();
            payload = envelope.decode(type.recordType());
            id = envelope.id(payload);
        } catch (MessageFormatException e) {
            return deadLetters.reject(consumer, envelope, e.getMessage());
        }
        ReceivedMessage received = new ReceivedMessage(consumer, id, type, payload, envelope);
        Uni<Boolean> skip = check == InboxCheck.BY_HANDLER ? Uni.createFrom().item(false)
                : alreadyProcessed(consumer, id);
        return skip
                .chain(processed -> processed ? envelope.ack()
                        : Uni.createFrom().deferred(() -> handler.handle(received)))
                .onFailure(RejectedMessageException.class)
                .recoverWithUni(e -> deadLetters.reject(consumer, envelope, e.getMessage()))
                .onFailure().recoverWithUni(e -> {
                    Log.warnf(e, "%s for %s failed; it will be delivered again", envelope, consumer);
                    return envelope.nack(e);
                });
    }

    /**
     * For a handler that checks the inbox itself ({@link InboxCheck#BY_HANDLER}), when a message could have been
     * processed already: acks it if its consumer has committed it, else fails with a {@link RejectedMessageException}
     * giving {@code reason} (the message is dead-lettered).
     */
    public Uni<Void> acknowledgeIfProcessedElseReject(ReceivedMessage received, Supplier<String> reason) {
        return alreadyProcessed(received.consumer(), received.id()).chain(processed -> processed
                ? received.envelope().ack()
                : Uni.createFrom().failure(new RejectedMessageException(reason.get())));
    }

    /** Whether {@code consumer} has committed the message {@code messageId}. */
    public Uni<Boolean> alreadyProcessed(String consumer, String messageId) {
        return pool.preparedQuery("select 1 from inbox where consumer = $1 and message_id = $2")
                .execute(Tuple.of(consumer, messageId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * One transaction: {@code work} (domain rows, engine state), the outbox rows it returns (in that order), inbox
     * rows for {@code consumed}. Then acks {@code consumed} and, if it wrote outbox rows, wakes the relay. On failure nacks {@code consumed}
     * and fails with the cause.
     *
     * @param consumed messages this transaction processes, possibly none (a REST command); their ids are the ones
     *                 {@link ReceivedMessage#id()} gave
     * @param work     runs inside the transaction; returns the messages to send, in order
     */
    public Uni<Void> commit(String consumer, List<ReceivedMessage> consumed,
            Function<SqlConnection, Uni<List<OutgoingMessage>>> work) {
        return pool.withTransaction(connection -> work.apply(connection)
                        .call(outgoing -> insertOutbox(connection, outgoing))
                        .call(() -> insertInbox(connection, consumer, consumed)))
                .onFailure().call(e -> settleAll(consumed, envelope -> envelope.nack(e)))
                .call(() -> settleAll(consumed, IncomingEnvelope::ack))
                .invoke(outgoing -> {
                    // A commit that wrote no outbox row leaves the relay nothing to read: no round, no query.
                    if (!outgoing.isEmpty()) {
                        relay.wake();
                    }
                })
                .replaceWithVoid();
    }

    /** Settles every envelope; a failure to settle is logged, not raised (the broker redelivers, the inbox skips). */
    private static Uni<Void> settleAll(List<ReceivedMessage> messages, Function<IncomingEnvelope, Uni<Void>> settle) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(messages.stream().map(m -> settle.apply(m.envelope())).toList())
                .andCollectFailures()
                .onFailure().invoke(e -> Log.warnf(e, "settling %d consumed messages failed", messages.size()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    static Uni<Void> insertOutbox(SqlConnection connection, List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Same id, same message (ids are content identities): storing it again must not send it twice.
        return connection.preparedQuery("""
                insert into outbox (id, address, type, content_type, body, properties) values ($1, $2, $3, $4, $5, $6)
                on conflict (id) do nothing""")
                .executeBatch(messages.stream()
                        .map(m -> Tuple.tuple(List.of(m.id(), m.address(), m.type(), m.contentType(), m.body(),
                                new JsonObject(Map.<String, Object>copyOf(m.properties())))))
                        .toList())
                .replaceWithVoid();
    }

    /**
     * Inbox rows for messages of {@code consumer} that a transaction committed through {@link #commit} for another
     * consumer also consumes (a service that commits messages of two queues together). The caller settles them: acks
     * after the commit, nacks if it fails.
     */
    public Uni<Void> recordConsumed(SqlConnection connection, String consumer, List<ReceivedMessage> consumed) {
        return insertInbox(connection, consumer, consumed);
    }

    private static Uni<Void> insertInbox(SqlConnection connection, String consumer, List<ReceivedMessage> consumed) {
        if (consumed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into inbox (consumer, message_id) values ($1, $2)")
                .executeBatch(consumed.stream().map(m -> Tuple.of(consumer, m.id())).toList())
                .replaceWithVoid();
    }
}
