package dev.papertrader.localstack.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the papertrader database lives and how to reach it as its superuser: embedded or external, the services
 * only ever see the URLs built here.
 *
 * @param host              host name or address of the PostgreSQL server
 * @param port              its TCP port
 * @param database          the database holding the service schemas
 * @param superuser         a role allowed to create roles and schemas (runs the bootstrap)
 * @param superuserPassword its password; empty when the server trusts it (the embedded server, on loopback)
 */
public record DatabaseServer(String host, int port, String database, String superuser, String superuserPassword) {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    public DatabaseServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(superuser, "superuser");
        superuserPassword = superuserPassword == null ? "" : superuserPassword;
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Reads host, port (default 5432) and database from a URL of the form
     * {@code jdbc:postgresql://host[:port]/database[?...]}; query parameters are not carried over.
     */
    public static DatabaseServer fromJdbcUrl(String jdbcUrl, String superuser, String superuserPassword) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("expected a URL like jdbc:postgresql://host:5432/papertrader, got: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (uri.getHost() == null || path.length() < 2) {
            throw new IllegalArgumentException("the database URL needs a host and a database name: " + jdbcUrl);
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        return new DatabaseServer(uri.getHost(), port, path.substring(1), superuser, superuserPassword);
    }

    /** {@code jdbc:postgresql://host:port/database}, for JDBC clients and Flyway. */
    public String jdbcUrl() {
        return JDBC_PREFIX + host + ":" + port + "/" + database;
    }

    /** {@code vertx-reactive:postgresql://host:port/database}, the form {@code quarkus.datasource.reactive.url} takes. */
    public String reactiveUrl() {
        return "vertx-reactive:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The JDBC URL to log in as the superuser: {@code jdbc:postgresql://host:port/database?user=superuser}. */
    public String superuserJdbcUrl() {
        return jdbcUrl() + "?user=" + superuser;
    }

    /** Opens a connection to the papertrader database as the superuser. */
    public Connection connectAsSuperuser() throws SQLException {
        return connect(superuser, superuserPassword);
    }

    /** Opens a connection to the papertrader database as the given role. */
    public Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    /** The same server, another database on it (used to create the papertrader database from {@code postgres}). */
    public DatabaseServer withDatabase(String otherDatabase) {
        return new DatabaseServer(host, port, otherDatabase, superuser, superuserPassword);
    }
}
