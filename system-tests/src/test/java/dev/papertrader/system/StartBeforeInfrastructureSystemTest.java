package dev.papertrader.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.Directories;
import dev.papertrader.localstack.PortCheck;
import dev.papertrader.localstack.ServiceConnectionConfig;
import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.broker.EmbeddedBroker;
import dev.papertrader.localstack.database.DatabaseBootstrap;
import dev.papertrader.localstack.database.DatabaseServer;
import dev.papertrader.localstack.database.EmbeddedDatabase;
import dev.papertrader.localstack.security.JwtKeys;
import dev.papertrader.localstack.up.LocalStack;
import dev.papertrader.localstack.up.QuarkusJarLauncher;
import dev.papertrader.localstack.up.RepositoryLayout;
import dev.papertrader.localstack.up.ServiceSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A service started while PostgreSQL and the broker are both down (a whole machine or cluster coming back in the wrong
 * order) neither exits nor claims to be ready: it waits for the database (Flyway retries the connection), then serves
 * its health endpoints and reports not-ready while the broker is missing, and becomes ready once the broker is up —
 * without being restarted. The portfolio service stands for all four: they share the configuration and the AMQP
 * connector (service-support) that make this work.
 */
class StartBeforeInfrastructureSystemTest {

    private static final Duration DATABASE_DOWN = Duration.ofSeconds(15);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aServiceStartedBeforeItsDatabaseAndBrokerWaitsNotReadyAndRecoversWithoutARestart() throws Exception {
        Path root = Optional.ofNullable(System.getProperty("papertrader.root")).map(Path::of)
                .orElseGet(RepositoryLayout::locateRoot).toAbsolutePath().normalize();
        Path work = root.resolve("system-tests").resolve("target").resolve("start-before-infrastructure");
        Directories.deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        int postgresPort = PortCheck.freePort("127.0.0.1");
        int amqpPort = PortCheck.freePort("127.0.0.1");
        ServiceSpec spec = ServiceSpec.named("portfolio").withPort(PortCheck.freePort("127.0.0.1"));
        QuarkusJarLauncher launcher = QuarkusJarLauncher.withCurrentJava(root,
                QuarkusJarLauncher.splitOptions(QuarkusJarLauncher.DEFAULT_SERVICE_JVM_OPTIONS));

        // Roles and schemas exist (the database was set up once), then everything goes down.
        DatabaseServer databaseServer;
        try (EmbeddedDatabase database = startDatabase(work, postgresPort)) {
            DatabaseBootstrap.runWithLocalPasswords(database.server());
            databaseServer = database.server();
        }
        Path publicKey = JwtKeys.ensureIn(work.resolve("keys")).publicKeyFile();
        Map<String, String> environment = new LinkedHashMap<>(new ServiceConnectionConfig(spec.role(),
                spec.role().localPassword(), databaseServer, BrokerEndpoint.anonymous(EmbeddedBroker.HOST, amqpPort))
                .environment());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        environment.put(LocalStack.JWT_PUBLIC_KEY_VARIABLE, publicKey.toString());

        Path log = work.resolve("logs").resolve("portfolio.log");
        ProcessBuilder builder = new ProcessBuilder(launcher.command(spec)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process service = builder.start();
        EmbeddedDatabase database = null;
        EmbeddedBroker broker = null;
        try {
            long deadline = System.nanoTime() + DATABASE_DOWN.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(service.isAlive()).as("the service waits for the database instead of exiting\n%s",
                        tail(log)).isTrue();
                assertThat(readiness(spec)).as("readiness while the database is down").isNotEqualTo(200);
                Thread.sleep(500);
            }

            database = startDatabase(work, postgresPort);
            int status = awaitReadinessOtherThan(spec, service, log, -1);
            assertThat(status).as("once the database is back, health is served, not ready without the broker\n%s",
                    tail(log)).isEqualTo(503);
            deadline = System.nanoTime() + BROKER_DOWN.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(readiness(spec)).as("readiness while the broker is down").isEqualTo(503);
                Thread.sleep(500);
            }

            broker = EmbeddedBroker.startPersistent(work.resolve("broker"), amqpPort);
            assertThat(awaitReadinessOtherThan(spec, service, log, 503))
                    .as("ready once the broker is up, in the same process\n%s", tail(log)).isEqualTo(200);
            assertThat(service.isAlive()).isTrue();
        } finally {
            service.destroy();
            if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
            if (broker != null) {
                broker.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    private static EmbeddedDatabase startDatabase(Path work, int port) {
        return EmbeddedDatabase.startPersistent(work.resolve("pg"), port, work.resolve("logs").resolve("postgres.log"));
    }

    /** The readiness endpoint's status, or -1 when nothing listens yet. */
    private int readiness(ServiceSpec spec) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException e) {
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits until readiness answers something other than {@code previous}, the service still running. */
    private int awaitReadinessOtherThan(ServiceSpec spec, Process service, Path log, int previous) throws Exception {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service keeps running\n%s", tail(log)).isTrue();
            int status = readiness(spec);
            if (status != previous) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness stayed " + previous + " for " + RECOVERY_TIMEOUT + "\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
