package dev.papertrader.service.messaging;

import dev.papertrader.localstack.database.EmbeddedDatabase;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A temporary embedded PostgreSQL with the common messaging migration applied, and a reactive pool on it, for the
 * test class that registers it ({@code @RegisterExtension static final MessagingDatabase DATABASE = ...}).
 */
final class MessagingDatabase implements BeforeAllCallback, AfterAllCallback {

    static final Duration WAIT = Duration.ofSeconds(20);

    private EmbeddedDatabase database;
    private Vertx vertx;
    private Pool pool;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = EmbeddedDatabase.startTemporary();
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().using(vertx).connectingTo(new PgConnectOptions().setHost(database.host())
                .setPort(database.port()).setDatabase(EmbeddedDatabase.DATABASE).setUser(EmbeddedDatabase.SUPERUSER))
                .build();
        try (InputStream migration = MessagingDatabase.class.getResourceAsStream("/db/common/V0_1__messaging.sql")) {
            sql(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        pool.closeAndAwait();
        vertx.closeAndAwait();
        database.close();
    }

    Pool pool() {
        return pool;
    }

    /** Runs one statement and waits for it. */
    void sql(String statement) {
        pool.query(statement).execute().await().atMost(WAIT);
    }
}
