package dev.papertrader.chaos;

import dev.papertrader.localstack.Directories;
import dev.papertrader.localstack.PortCheck;
import dev.papertrader.localstack.ServiceConnectionConfig;
import dev.papertrader.localstack.broker.EmbeddedBroker;
import dev.papertrader.localstack.database.DatabaseBootstrap;
import dev.papertrader.localstack.database.EmbeddedDatabase;
import dev.papertrader.localstack.security.JwtKeys;
import dev.papertrader.localstack.up.LocalStack;
import dev.papertrader.localstack.up.QuarkusJarLauncher;
import dev.papertrader.localstack.up.ServiceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial's system: a persistent embedded PostgreSQL and Artemis broker in the trial's directory (so both can be
 * stopped and started again on the same port and data), and the four services started from their packaged jars as
 * child processes with the environment {@code ./papertrader up} gives them. Unlike {@link LocalStack}, a service that
 * dies is not a reason to stop: the harness kills ({@link #kill}) and restarts ({@link #start}) them itself.
 */
final class ChaosStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Path directory;
    private final int postgresPort;
    private final int amqpPort;
    private final QuarkusJarLauncher launcher;
    private final Map<String, Map<String, String>> serviceProperties;
    private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private EmbeddedDatabase database;
    private EmbeddedBroker broker;
    private Path publicKey;

    ChaosStack(Path directory, QuarkusJarLauncher launcher, Map<String, Map<String, String>> serviceProperties) {
        this.directory = directory;
        this.launcher = launcher;
        this.serviceProperties = serviceProperties;
        this.postgresPort = PortCheck.freePort("127.0.0.1");
        this.amqpPort = PortCheck.freePort("127.0.0.1");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            specs.put(spec.name(), spec.withPort(PortCheck.freePort("127.0.0.1")));
        }
    }

    /** Empties the directory, starts PostgreSQL and the broker, bootstraps roles and schemas, starts every service. */
    void start() {
        Directories.deleteRecursively(directory);
        createDirectories(directory.resolve("logs"));
        startDatabase();
        startBroker();
        DatabaseBootstrap.runWithLocalPasswords(database.server());
        publicKey = JwtKeys.ensureIn(LocalStack.keysDirectory(directory)).publicKeyFile();
        specs.keySet().forEach(this::launch);
        specs.keySet().forEach(this::awaitReady);
    }

    List<String> serviceNames() {
        return List.copyOf(specs.keySet());
    }

    /** SIGKILL: {@link Process#destroyForcibly()}, and waits until the process is gone. */
    void kill(String service) {
        Process process = processes.get(service);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the service again with the same command and environment; returns when it is ready. */
    void start(String service) {
        launch(service);
        awaitReady(service);
    }

    /** Stops the broker (its journal stays) and starts it again on the same port and data directory. */
    void restartBroker() {
        broker.close();
        startBroker();
    }

    /** Stops PostgreSQL (a fast shutdown; its data stays) and starts it again on the same port and data directory. */
    void restartDatabase() {
        database.close();
        startDatabase();
    }

    /**
     * Messages in the broker's own dead-letter queues ({@code DLQ.*}), by queue. The services dead-letter what they
     * cannot process to {@code dead.letters} themselves; a message in a {@code DLQ.*} queue was taken from its consumer
     * by the broker, and nothing reads it, so any count here is a lost message.
     */
    Map<String, Long> brokerDeadLetters() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String queueName : broker.server().getActiveMQServerControl().getQueueNames()) {
            if (queueName.startsWith("DLQ.")) {
                long count = broker.server().locateQueue(queueName).getMessageCount();
                if (count > 0) {
                    counts.put(queueName, count);
                }
            }
        }
        return counts;
    }

    Connection connect() throws SQLException {
        return database.server().connectAsSuperuser();
    }

    /** The services that are not running (died on their own), with the end of their logs. */
    String deadServices() {
        StringBuilder dead = new StringBuilder();
        processes.forEach((name, process) -> {
            if (!process.isAlive()) {
                dead.append(name).append(" exited with ").append(process.exitValue()).append("\n")
                        .append(logTail(name, 40)).append("\n");
            }
        });
        return dead.toString();
    }

    String logTail(String service, int lines) {
        Path log = logFile(service);
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    String amqpHost() {
        return EmbeddedBroker.HOST;
    }

    int amqpPort() {
        return amqpPort;
    }

    private void startDatabase() {
        database = retried(() -> EmbeddedDatabase.startPersistent(directory.resolve("pg"), postgresPort,
                directory.resolve("logs").resolve("postgres.log")));
    }

    private void startBroker() {
        broker = retried(() -> EmbeddedBroker.startPersistent(directory.resolve("broker"), amqpPort));
    }

    /** A port just released may take a moment to be free again: up to 30 tries, 1 s apart. */
    private static <T> T retried(java.util.function.Supplier<T> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (IllegalStateException e) {
                if (attempt == 30) {
                    throw e;
                }
                Sleep.millis(1000);
            }
        }
    }

    private Path logFile(String service) {
        return directory.resolve("logs").resolve(service + ".log");
    }

    private void launch(String name) {
        ServiceSpec spec = specs.get(name);
        Map<String, String> environment = new LinkedHashMap<>(new ServiceConnectionConfig(spec.role(),
                spec.role().localPassword(), database.server(), broker.endpoint()).environment());
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        environment.put(LocalStack.JWT_PUBLIC_KEY_VARIABLE, publicKey.toString());
        environment.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
        serviceProperties.getOrDefault(name, Map.of())
                .forEach((key, value) -> environment.put(ServiceConnectionConfig.environmentName(key), value));
        ProcessBuilder builder = new ProcessBuilder(launcher.command(spec)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            processes.put(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void awaitReady(String name) {
        ServiceSpec spec = specs.get(name);
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            Process process = processes.get(name);
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready\n"
                        + logTail(name, 60));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "\n" + logTail(name, 60));
            }
            Sleep.millis(200);
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
