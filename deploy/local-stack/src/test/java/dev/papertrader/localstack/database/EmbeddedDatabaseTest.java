package dev.papertrader.localstack.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.PortCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL started from Maven artifacts: temporary for tests, persistent for the local stack. */
class EmbeddedDatabaseTest {

    @Test
    void aTemporaryServerAnswersOnLoopbackWithThePapertraderDatabaseAndDisappearsOnClose() throws SQLException {
        EmbeddedDatabase database = EmbeddedDatabase.startTemporary();
        Path dataDirectory = database.dataDirectory();
        try (Connection connection = database.server().connectAsSuperuser();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_database(), current_user, current_setting('server_version_num')::int")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("papertrader");
            assertThat(result.getString(2)).isEqualTo("postgres");
            assertThat(result.getInt(3)).as("PostgreSQL 18").isBetween(180000, 189999);
        } finally {
            database.close();
        }
        assertThat(database.host()).isEqualTo("127.0.0.1");
        assertThat(database.superuserJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + database.port() + "/papertrader?user=postgres");
        assertThat(PortCheck.isFree("127.0.0.1", database.port())).as("port released").isTrue();
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void aPersistentServerKeepsItsDataAcrossARestartAndItsDirectoryServesOneServerAtATime(@TempDir Path tmp)
            throws SQLException {
        Path dataDirectory = tmp.resolve("pg");
        Path logFile = tmp.resolve("logs").resolve("postgres.log");
        int port = PortCheck.freePort("127.0.0.1");
        try (EmbeddedDatabase first = EmbeddedDatabase.startPersistent(dataDirectory, port, logFile);
             Connection connection = first.server().connectAsSuperuser();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int PRIMARY KEY, label text)");
            statement.execute("INSERT INTO kept VALUES (1, 'survives a restart')");
        }
        assertThat(PortCheck.isFree("127.0.0.1", port)).isTrue();
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();

        try (EmbeddedDatabase second = EmbeddedDatabase.startPersistent(dataDirectory, port, logFile);
             Connection connection = second.server().connectAsSuperuser();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT label FROM kept WHERE id = 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("survives a restart");

            long pid = Long.parseLong(readFirstLine(dataDirectory.resolve("postmaster.pid")));
            assertThatThrownBy(() -> EmbeddedDatabase.startPersistent(dataDirectory, PortCheck.freePort("127.0.0.1"), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a PostgreSQL server (pid " + pid + ") is still running on " + dataDirectory)
                    .hasMessageContaining("kill -INT " + pid);
        }
        assertThat(dataDirectory).exists();
        assertThat(logFile).isNotEmptyFile();
    }

    @Test
    void aTakenPortIsReportedByName(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            assertThatThrownBy(() -> EmbeddedDatabase.startPersistent(tmp.resolve("pg"), taken.getLocalPort(), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("PostgreSQL cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is already in use"
                            + " (another instance still running?); choose another port");
        }
    }

    private static String readFirstLine(Path file) {
        try {
            return Files.readAllLines(file).getFirst().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
