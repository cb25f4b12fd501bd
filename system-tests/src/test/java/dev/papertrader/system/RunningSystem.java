package dev.papertrader.system;

import dev.papertrader.localstack.Directories;
import dev.papertrader.localstack.PortCheck;
import dev.papertrader.localstack.broker.EmbeddedBroker;
import dev.papertrader.localstack.database.EmbeddedDatabase;
import dev.papertrader.localstack.up.LocalStack;
import dev.papertrader.localstack.up.QuarkusJarLauncher;
import dev.papertrader.localstack.up.ServiceSpec;
import dev.papertrader.localstack.up.SupervisedService;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole system as {@code ./papertrader up} runs it, for a test: a temporary embedded PostgreSQL and Artemis
 * started in the test JVM, bootstrapped by {@link LocalStack}, and the four services started from their packaged jars
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}) on free ports, all at once, supervised by {@link LocalStack}.
 * Their logs are in {@code <work dir>/logs}.
 */
final class RunningSystem implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final EmbeddedDatabase database;
    private final EmbeddedBroker broker;
    private final LocalStack stack;
    private final Duration infrastructureStart;
    private final Duration servicesStart;

    private RunningSystem(EmbeddedDatabase database, EmbeddedBroker broker, LocalStack stack, Duration infrastructureStart,
                          Duration servicesStart) {
        this.database = database;
        this.broker = broker;
        this.stack = stack;
        this.infrastructureStart = infrastructureStart;
        this.servicesStart = servicesStart;
    }

    /**
     * Starts everything and returns once every service answers its readiness endpoint.
     *
     * @param repositoryRoot    the checkout whose service modules are packaged
     * @param workDirectory     emptied, then holds the services' logs
     * @param serviceProperties configuration of each service by name, as for {@link LocalStack.Settings}
     * @param jvmOptions        options of every service JVM
     */
    static RunningSystem start(Path repositoryRoot, Path workDirectory, Map<String, Map<String, String>> serviceProperties,
                               List<String> jvmOptions, PrintStream out) {
        List<ServiceSpec> services = ServiceSpec.ALL.stream()
                .map(spec -> spec.withPort(PortCheck.freePort("127.0.0.1")))
                .toList();
        QuarkusJarLauncher launcher = QuarkusJarLauncher.withCurrentJava(repositoryRoot, jvmOptions);
        services.forEach(launcher::command); // fails at once, saying how to build, when a jar is missing
        Directories.deleteRecursively(workDirectory);

        long started = System.nanoTime();
        EmbeddedDatabase database = EmbeddedDatabase.startTemporary();
        EmbeddedBroker broker = null;
        boolean up = false;
        try {
            broker = EmbeddedBroker.startTemporary();
            Duration infrastructureStart = Duration.ofNanos(System.nanoTime() - started);
            long servicesStarted = System.nanoTime();
            LocalStack stack = new LocalStack(new LocalStack.Settings(workDirectory, Optional.of(database.server()),
                    Optional.of(broker.endpoint()), 0, 0, services, launcher, READY_TIMEOUT, STOP_GRACE, serviceProperties), out);
            stack.start();
            RunningSystem system = new RunningSystem(database, broker, stack, infrastructureStart,
                    Duration.ofNanos(System.nanoTime() - servicesStarted));
            up = true;
            return system;
        } finally {
            if (!up) { // a failed start stops whatever it started (LocalStack stops its services itself)
                if (broker != null) {
                    broker.close();
                }
                database.close();
            }
        }
    }

    /** A connection as the PostgreSQL superuser, which sees every schema. */
    Connection connectAsSuperuser() throws SQLException {
        return database.server().connectAsSuperuser();
    }

    EmbeddedBroker broker() {
        return broker;
    }

    List<SupervisedService> services() {
        return stack.services();
    }

    /** How long PostgreSQL and the broker took to start. */
    Duration infrastructureStart() {
        return infrastructureStart;
    }

    /** From the database bootstrap until the last service was ready. */
    Duration servicesStart() {
        return servicesStart;
    }

    /** The last lines of every service's log, to explain a failure. */
    String logTails(int lines) {
        return stack.services().stream()
                .map(service -> "--- " + service.spec().name() + " (" + service.logFile() + ", "
                        + (service.process().isAlive() ? "running" : "exited with " + service.process().exitValue())
                        + ")\n" + (Files.exists(service.logFile()) ? service.logTail(lines) : "(no log)"))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            try {
                broker.close();
            } finally {
                database.close();
            }
        }
    }
}
