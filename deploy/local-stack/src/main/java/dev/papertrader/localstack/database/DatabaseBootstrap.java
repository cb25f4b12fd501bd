package dev.papertrader.localstack.database;

import dev.papertrader.localstack.ServiceRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Creates the service roles and schemas by running {@value #SCRIPT_RESOURCE} as the superuser, in one
 * transaction. The script is plain SQL that psql runs unchanged (a Kubernetes Job does): its only non-SQL
 * construct is psql's quoted variable {@code :'name'}, which {@link #substituteVariables} replaces here the way
 * psql does. Running it again is harmless and resets the passwords to the given ones.
 */
public final class DatabaseBootstrap {

    /** Class path location of the script (also usable as a file by psql). */
    public static final String SCRIPT_RESOURCE = "papertrader/bootstrap.sql";

    private DatabaseBootstrap() {
    }

    /** Runs the bootstrap with each role's {@linkplain ServiceRole#localPassword() local password}. */
    public static void runWithLocalPasswords(DatabaseServer server) {
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        for (ServiceRole role : ServiceRole.values()) {
            passwords.put(role, role.localPassword());
        }
        run(server, passwords);
    }

    /**
     * Runs the bootstrap as {@code server}'s superuser, connected to its database.
     *
     * @param passwords a non-blank password for every {@link ServiceRole}
     */
    public static void run(DatabaseServer server, Map<ServiceRole, String> passwords) {
        Map<String, String> variables = new HashMap<>();
        for (ServiceRole role : ServiceRole.values()) {
            String password = passwords.get(role);
            if (password == null || password.isBlank()) {
                throw new IllegalArgumentException("no password given for role " + role.role());
            }
            variables.put(role.passwordVariable(), password);
        }
        String sql = substituteVariables(script(), variables);
        try (Connection connection = server.connectAsSuperuser()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database bootstrap failed on " + server.jdbcUrl() + " as " + server.superuser()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The bootstrap script, as shipped. */
    public static String script() {
        try (InputStream in = DatabaseBootstrap.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCRIPT_RESOURCE, e);
        }
    }

    /**
     * Replaces every psql quoted variable {@code :'name'} by the value of {@code name} as an SQL string literal,
     * outside comments, string literals, quoted identifiers and dollar-quoted bodies, as psql does.
     *
     * <p>The literal is {@code 'value'} with each quote doubled; when the value holds a backslash it is
     * {@code E'value'} with backslashes doubled too, so it means the same whatever
     * {@code standard_conforming_strings} is (psql's {@code PQescapeLiteral} rule). A {@code ::} cast is not a
     * variable.
     *
     * @throws IllegalArgumentException when the script uses a variable that has no value
     */
    public static String substituteVariables(String sql, Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '-' && sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                end = endOfBlockComment(sql, i);
            } else if (c == '\'') {
                end = endOfQuoted(sql, i, '\'', i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e'));
            } else if (c == '"') {
                end = endOfQuoted(sql, i, '"', false);
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                end = close < 0 ? sql.length() : close + tag.length();
            } else if (c == ':' && sql.startsWith(":'", i) && (i == 0 || sql.charAt(i - 1) != ':')) {
                int nameEnd = identifierEnd(sql, i + 2);
                if (nameEnd > i + 2 && nameEnd < sql.length() && sql.charAt(nameEnd) == '\'') {
                    String name = sql.substring(i + 2, nameEnd);
                    String value = variables.get(name);
                    if (value == null) {
                        throw new IllegalArgumentException("the script uses variable '" + name + "', which has no value");
                    }
                    out.append(sqlLiteral(value));
                    i = nameEnd + 1;
                    continue;
                }
                end = i + 1;
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return out.toString();
    }

    static String sqlLiteral(String value) {
        String quoted = value.replace("'", "''");
        return value.indexOf('\\') < 0 ? "'" + quoted + "'" : "E'" + quoted.replace("\\", "\\\\") + "'";
    }

    private static int endOfBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** End (exclusive) of a quoted token starting at {@code start}; a doubled quote is part of it. */
    private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The dollar-quote opening tag ({@code $$} or {@code $name$}) at {@code start}, or null if there is none. */
    private static String dollarTag(String sql, int start) {
        if (start > 0 && Character.isLetterOrDigit(sql.charAt(start - 1))) {
            return null;
        }
        int i = start + 1;
        if (i < sql.length() && sql.charAt(i) == '$') {
            return "$$";
        }
        if (i >= sql.length() || !(Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            return null;
        }
        int nameEnd = identifierEnd(sql, i);
        return nameEnd < sql.length() && sql.charAt(nameEnd) == '$' ? sql.substring(start, nameEnd + 1) : null;
    }

    private static int identifierEnd(String sql, int start) {
        int i = start;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i;
    }
}
