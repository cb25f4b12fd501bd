package dev.papertrader.localstack.testing;

import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.ServiceRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A digest of everything a service stores: for each table of its schema, the row count and the MD5 of its rows
 * ({@code md5(string_agg(row::text order by row::text))}), read as the superuser of the shared test database. Two
 * equal digests mean no row was added, removed or changed; a differing one names the tables that moved.
 *
 * <pre>{@code
 * Supplier<String> state = StoredState.of(ServiceRole.ORDERS, "flyway_schema_history");
 * }</pre>
 */
public final class StoredState implements Supplier<String> {

    private final String schema;
    private final Set<String> excludedTables;

    private StoredState(String schema, Set<String> excludedTables) {
        this.schema = schema;
        this.excludedTables = excludedTables;
    }

    /** The tables of {@code service}'s schema, but {@code excludedTables} (e.g. ones a background job touches). */
    public static StoredState of(ServiceRole service, String... excludedTables) {
        return new StoredState(service.schema(), Set.of(excludedTables));
    }

    /** One line per table: {@code table rows=N md5=...}, tables in name order. */
    @Override
    public String get() {
        try (Connection connection = DriverManager.getConnection(LocalInfraTestResource.superuserJdbcUrl())) {
            TreeMap<String, String> digests = new TreeMap<>();
            for (String table : tables(connection)) {
                String quoted = quote(schema) + "." + quote(table);
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("select count(*), md5(coalesce(string_agg(t::text, E'\\n' order by t::text), ''))"
                             + " from " + quoted + " t")) {
                    row.next();
                    digests.put(table, "rows=" + row.getLong(1) + " md5=" + row.getString(2));
                }
            }
            StringBuilder text = new StringBuilder();
            digests.forEach((table, digest) -> text.append(table).append(' ').append(digest).append('\n'));
            return text.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored state of schema " + schema, e);
        }
    }

    /**
     * Waits until two digests {@code interval} apart are equal (messages of earlier tests still being processed), at
     * most {@code timeout}, and returns the last digest.
     */
    public String settled(Duration interval, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String previous = get();
        while (System.nanoTime() < deadline) {
            sleep(interval);
            String current = get();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /** The lines of {@code after} that differ from {@code before}: which tables changed and how. */
    public static List<String> differences(String before, String after) {
        List<String> beforeLines = List.of(before.split("\n"));
        List<String> afterLines = List.of(after.split("\n"));
        List<String> differences = new ArrayList<>();
        for (String line : afterLines) {
            if (!beforeLines.contains(line)) {
                differences.add(line);
            }
        }
        for (String line : beforeLines) {
            String table = line.split(" ", 2)[0];
            if (afterLines.stream().noneMatch(other -> other.split(" ", 2)[0].equals(table))) {
                differences.add(table + " gone");
            }
        }
        return differences;
    }

    private List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'"
                        + " order by table_name")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!excludedTables.contains(rows.getString(1))) {
                        tables.add(rows.getString(1));
                    }
                }
            }
        }
        return tables;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
