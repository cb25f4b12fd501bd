package dev.papertrader.router.repository;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.json.MessageFormatException;
import dev.papertrader.router.config.RouterSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The {@code router_config} table: the router configuration set through the REST API, one row per account, kept as
 * {@link RouterSettings} JSON with a revision that counts the replacements.
 */
@ApplicationScoped
public class RouterConfigRepository {

    /** The stored settings of {@code accountId}, empty when none were ever set through the API. */
    public Uni<Optional<RouterSettings>> load(SqlClient client, String accountId) {
        return client.preparedQuery("select settings from router_config where account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<RouterSettings>empty();
                    }
                    String json = rows.iterator().next().getString("settings");
                    try {
                        return Optional.of(JsonCodec.decode(json, RouterSettings.class));
                    } catch (MessageFormatException e) {
                        throw new IllegalStateException("stored router configuration of " + accountId
                                + " cannot be read: " + e.getMessage(), e);
                    }
                });
    }

    /** Stores {@code settings} for {@code accountId} inside the caller's transaction; returns the new revision. */
    public Uni<Integer> save(SqlConnection connection, String accountId, RouterSettings settings) {
        return connection.preparedQuery("""
                        insert into router_config (account_id, settings, revision, updated_at) values ($1, $2, 1, now())
                        on conflict (account_id) do update set settings = excluded.settings,
                            revision = router_config.revision + 1, updated_at = excluded.updated_at
                        returning revision""")
                .execute(Tuple.of(accountId, JsonCodec.encode(settings)))
                .map(rows -> rows.iterator().next().getInteger("revision"));
    }
}
