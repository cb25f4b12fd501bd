package dev.papertrader.localstack;

import dev.papertrader.localstack.broker.EmbeddedBroker;
import dev.papertrader.localstack.database.DatabaseBootstrap;
import dev.papertrader.localstack.database.EmbeddedDatabase;
import java.util.Map;

/**
 * The one temporary PostgreSQL and Artemis of a test JVM, bootstrapped with the local service passwords, started
 * on first use and stopped by a shutdown hook. {@link LocalInfraTestResource} reaches it through the system class
 * loader so that every Quarkus application class loader of the JVM shares it.
 *
 * <p>Its coordinates are exchanged as a map of strings (keys {@code db.*} and {@code amqp.*}) because that type
 * is the same in every class loader.
 */
public final class LocalInfra {

    static final String DB_HOST = "db.host";
    static final String DB_PORT = "db.port";
    static final String DB_DATABASE = "db.database";
    static final String DB_SUPERUSER = "db.superuser";
    static final String AMQP_HOST = "amqp.host";
    static final String AMQP_PORT = "amqp.port";

    private static Map<String, String> coordinates;

    private LocalInfra() {
    }

    /** Starts the servers the first time, then returns where they are. */
    public static synchronized Map<String, String> coordinates() {
        if (coordinates == null) {
            coordinates = start();
        }
        return coordinates;
    }

    private static Map<String, String> start() {
        EmbeddedDatabase database = EmbeddedDatabase.startTemporary();
        EmbeddedBroker broker = null;
        try {
            DatabaseBootstrap.runWithLocalPasswords(database.server());
            broker = EmbeddedBroker.startTemporary();
        } finally {
            if (broker == null) { // whatever went wrong, even an Error, leaves no server behind
                database.close();
            }
        }
        EmbeddedBroker startedBroker = broker;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                startedBroker.close();
            } finally {
                database.close();
            }
        }, "papertrader-local-infra-stop"));
        return Map.of(
                DB_HOST, database.host(),
                DB_PORT, Integer.toString(database.port()),
                DB_DATABASE, database.server().database(),
                DB_SUPERUSER, database.server().superuser(),
                AMQP_HOST, startedBroker.host(),
                AMQP_PORT, Integer.toString(startedBroker.amqpPort()));
    }
}
