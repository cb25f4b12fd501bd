package dev.papertrader.service.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.papertrader.core.json.JsonCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Rejects a message that cannot be processed (poison): in one transaction, a {@code dead_letters} row with the reason
 * and an outbox message to the dead-letter address ({@code dead.letters}) carrying the rejected body, with the
 * application properties {@code reason} and {@code original-address} (and {@code original-id} when it had one); then
 * the message is acked, so the stream goes on. If the transaction fails (the database is down) the message is nacked
 * and comes back later.
 *
 * <p>Its content type is {@code application/json} when the rejected body is JSON, else {@code text/plain}. The
 * dead letter's own id is {@code dead-letter|<consumer>|<seq>}, seq numbering the rows of
 * {@code dead_letters}; its {@code type} is the rejected message's {@code type} property, or {@code unknown}.
 * Operators see them at {@code GET <service prefix>/dead-letters} and count them with {@link #METRIC}.
 */
@ApplicationScoped
public class DeadLetters {

    /** Dead letters recorded since start, per consumer: {@code papertrader_dead_letters_total} in Prometheus. */
    public static final String METRIC = "papertrader.dead.letters";

    private final Pool pool;
    private final OutboxRelay relay;
    private final MessagingConfig config;
    private final MeterRegistry meters;

    public DeadLetters(Pool pool, OutboxRelay relay, MessagingConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.relay = relay;
        this.config = config;
        this.meters = meters;
    }

    /** {@code application/json} for a JSON body, else plain text: the dead letter says what its body is. */
    static String contentTypeOf(String body) {
        try {
            JsonCodec.mapper().readTree(body);
            return body.isBlank() ? "text/plain; charset=utf-8" : OutgoingMessage.JSON;
        } catch (JsonProcessingException e) {
            return "text/plain; charset=utf-8";
        }
    }

    /** Rejects {@code envelope}, received by {@code consumer}, because of {@code reason}. Never fails. */
    public Uni<Void> reject(String consumer, IncomingEnvelope envelope, String reason) {
        String why = reason == null || reason.isBlank() ? "rejected" : reason;
        String id = envelope.declaredId();
        String type = envelope.typeProperty() == null ? "unknown" : envelope.typeProperty();
        String body = envelope.body() == null ? "" : envelope.body();
        Log.warnf("dead letter from %s: %s: %s", consumer, envelope, why);
        JsonObject properties = new JsonObject().put("reason", why)
                .put("original-address", envelope.address() == null ? "" : envelope.address());
        if (id != null) {
            properties.put("original-id", id);
        }
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        insert into dead_letters (consumer, address, message_id, type, body, reason)
                        values ($1, $2, $3, $4, $5, $6) returning seq""")
                        .execute(Tuple.from(new Object[] {consumer, envelope.address(), id, type, body, why}))
                        .map(rows -> rows.iterator().next().getLong("seq"))
                        .chain(seq -> connection.preparedQuery("""
                                insert into outbox (id, address, type, content_type, body, properties)
                                values ($1, $2, $3, $4, $5, $6)""")
                                .execute(Tuple.tuple(List.of("dead-letter|" + consumer + "|" + seq,
                                        config.deadLetterAddress(), type, contentTypeOf(body), body, properties)))))
                .invoke(() -> meters.counter(METRIC, "consumer", consumer).increment())
                .chain(envelope::ack)
                .invoke(relay::wake)
                .onFailure().recoverWithUni(e -> {
                    Log.warnf(e, "could not record the dead letter %s; it will be delivered again", envelope);
                    return envelope.nack(e);
                });
    }
}
