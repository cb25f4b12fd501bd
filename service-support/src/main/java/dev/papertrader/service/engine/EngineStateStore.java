package dev.papertrader.service.engine;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.json.MessageFormatException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Persists the state of a service's in-memory engine (e.g. the execution simulator's {@code ExecutionState}) as JSON
 * ({@link JsonCodec}) in the {@code engine_state} table, one row per key. A service saves its state in the same
 * transaction as the messages it consumed and produced ({@code TransactionalMessaging.commit}), so the stored state
 * always matches the inbox and outbox; it loads it at startup and after a failed transaction.
 */
@ApplicationScoped
public class EngineStateStore {

    private final Pool pool;

    public EngineStateStore(Pool pool) {
        this.pool = pool;
    }

    /** The state saved under {@code key}, or empty when none was saved yet. */
    public <T> Uni<Optional<T>> load(String key, Class<T> type) {
        return load(pool, key, type);
    }

    /**
     * The state saved under {@code key}, read through {@code client} (a pool or a transaction's connection).
     *
     * @throws IllegalStateException (as the {@code Uni}'s failure) when the stored JSON is not a valid {@code type}
     */
    public <T> Uni<Optional<T>> load(SqlClient client, String key, Class<T> type) {
        return client.preparedQuery("select state from engine_state where key = $1").execute(Tuple.of(key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<T>empty();
                    }
                    Row row = rows.iterator().next();
                    try {
                        return Optional.of(JsonCodec.decode(row.getString("state"), type));
                    } catch (MessageFormatException e) {
                        throw new IllegalStateException("engine state '" + key + "' cannot be read: " + e.getMessage(), e);
                    }
                });
    }

    /** Saves {@code state} under {@code key}, replacing what was there; call it inside the processing transaction. */
    public Uni<Void> save(SqlClient connection, String key, Object state) {
        return connection.preparedQuery("""
                insert into engine_state (key, state, updated_at) values ($1, $2, now())
                on conflict (key) do update set state = excluded.state, updated_at = excluded.updated_at""")
                .execute(Tuple.of(key, JsonCodec.encode(state)))
                .replaceWithVoid();
    }
}
