package dev.papertrader.localstack;

import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.database.DatabaseServer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration that points one service at the database and the broker: the same keys whether they reach the
 * service as test resource properties ({@link #properties()}) or as the environment of a child process
 * ({@link #environment()}).
 *
 * <table>
 *   <caption>Keys (values for the orders service on the embedded stack)</caption>
 *   <tr><th>property</th><th>environment variable</th><th>example</th></tr>
 *   <tr><td>{@code quarkus.datasource.username}</td><td>{@code QUARKUS_DATASOURCE_USERNAME}</td><td>{@code orders_svc}</td></tr>
 *   <tr><td>{@code quarkus.datasource.password}</td><td>{@code QUARKUS_DATASOURCE_PASSWORD}</td><td>{@code orders_svc-local}</td></tr>
 *   <tr><td>{@code quarkus.datasource.reactive.url}</td><td>{@code QUARKUS_DATASOURCE_REACTIVE_URL}</td><td>{@code vertx-reactive:postgresql://127.0.0.1:55432/papertrader}</td></tr>
 *   <tr><td>{@code quarkus.datasource.jdbc.url}</td><td>{@code QUARKUS_DATASOURCE_JDBC_URL}</td><td>{@code jdbc:postgresql://127.0.0.1:55432/papertrader} (Flyway)</td></tr>
 *   <tr><td>{@code quarkus.flyway.migrate-at-start}</td><td>{@code QUARKUS_FLYWAY_MIGRATE_AT_START}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code quarkus.flyway.schemas}</td><td>{@code QUARKUS_FLYWAY_SCHEMAS}</td><td>{@code orders}</td></tr>
 *   <tr><td>{@code amqp-host}</td><td>{@code AMQP_HOST}</td><td>{@code 127.0.0.1}</td></tr>
 *   <tr><td>{@code amqp-port}</td><td>{@code AMQP_PORT}</td><td>{@code 5672}</td></tr>
 *   <tr><td>{@code amqp-username}, {@code amqp-password}</td><td>{@code AMQP_USERNAME}, {@code AMQP_PASSWORD}</td><td>only when the broker URL has credentials</td></tr>
 * </table>
 *
 * <p>The datasource kind ({@code quarkus.datasource.db-kind=postgresql}) is fixed at build time, so each service
 * sets it in its own application.properties.
 *
 * @param service  the service to configure
 * @param password its role's password
 * @param database the PostgreSQL server and database
 * @param broker   the AMQP broker
 */
public record ServiceConnectionConfig(ServiceRole service, String password, DatabaseServer database, BrokerEndpoint broker) {

    /** The keys as Quarkus configuration properties, in the order of the table above. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.username", service.role());
        properties.put("quarkus.datasource.password", password);
        properties.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        properties.put("quarkus.flyway.migrate-at-start", "true");
        properties.put("quarkus.flyway.schemas", service.schema());
        properties.put("amqp-host", broker.host());
        properties.put("amqp-port", Integer.toString(broker.port()));
        if (broker.hasCredentials()) {
            properties.put("amqp-username", broker.username());
            properties.put("amqp-password", broker.password());
        }
        return properties;
    }

    /** The same keys as environment variables, named by MicroProfile Config's rule (see {@link #environmentName}). */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        properties().forEach((key, value) -> environment.put(environmentName(key), value));
        return environment;
    }

    /**
     * The environment variable MicroProfile Config (hence Quarkus) reads for a property: every character that is
     * not a letter or digit becomes {@code _}, letters become upper case ({@code amqp-host} → {@code AMQP_HOST}).
     */
    public static String environmentName(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }
}
