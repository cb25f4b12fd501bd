package dev.papertrader.localstack.up;

import dev.papertrader.localstack.PortCheck;
import dev.papertrader.localstack.ServiceConnectionConfig;
import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.broker.EmbeddedBroker;
import dev.papertrader.localstack.database.DatabaseBootstrap;
import dev.papertrader.localstack.database.DatabaseServer;
import dev.papertrader.localstack.database.EmbeddedDatabase;
import dev.papertrader.localstack.gateway.Gateway;
import dev.papertrader.localstack.gateway.Route;
import dev.papertrader.localstack.security.JwtKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The engine of {@code ./papertrader up}: PostgreSQL and the Artemis broker (embedded and persistent, or external),
 * the database bootstrap, then one child JVM per service, supervised.
 *
 * <ol>
 *   <li>Checks first what can be checked without starting anything: every service can be launched (its jar is
 *       built) and every service port is free.</li>
 *   <li>Starts PostgreSQL ({@code <data-dir>/pg}, log {@code logs/postgres.log}) and the broker
 *       ({@code <data-dir>/broker}), unless external ones are given; an external broker must accept TCP
 *       connections.</li>
 *   <li>Runs {@link DatabaseBootstrap} with the local passwords; creates the API token key pair in
 *       {@code <data-dir>/keys} on first run ({@link JwtKeys}).</li>
 *   <li>Starts every service with its {@link ServiceConnectionConfig#environment()}, {@code QUARKUS_HTTP_PORT} and
 *       its {@linkplain Settings#serviceProperties() properties}, all at once, output to {@code logs/<service>.log} (truncated at each start), then waits until each answers its
 *       readiness endpoint, all within one timeout. Each gets the token public key
 *       ({@value #JWT_PUBLIC_KEY_VARIABLE}).</li>
 *   <li>Starts the {@link Gateway} on {@link Settings#gatewayPort()} unless it is 0.</li>
 * </ol>
 *
 * <p>Any failure stops whatever was started and is thrown as a {@link LocalStackException} whose message says what
 * happened, with the end of the service's log. Once up, a service that exits on its own stops the whole stack
 * ({@link #awaitTermination()} returns 1). {@link #close()} (the shutdown hook on Ctrl-C) sends SIGTERM to every
 * service, kills those still running after the grace period, then stops the broker and PostgreSQL; called while
 * {@link #start()} runs, it first lets the start reach its next step, so nothing is left behind.
 */
public final class LocalStack implements AutoCloseable {

    /** Port of the embedded PostgreSQL unless told otherwise (off the default 5432, to live beside a system server). */
    public static final int DEFAULT_POSTGRES_PORT = 55432;
    /** Port of the embedded broker unless told otherwise: the AMQP port. */
    public static final int DEFAULT_AMQP_PORT = BrokerEndpoint.DEFAULT_AMQP_PORT;

    private static final String JDBC_ACQUISITION_TIMEOUT = "60S";
    /** The services read the public key of the API tokens from this file ({@code mp.jwt.verify.publickey.location}). */
    public static final String JWT_PUBLIC_KEY_VARIABLE = "MP_JWT_VERIFY_PUBLICKEY_LOCATION";
    /** Port of the gateway unless told otherwise. */
    public static final int DEFAULT_GATEWAY_PORT = 8080;
    // A child that exits within this delay of a Ctrl-C got the terminal's SIGINT too: that is not a crash.
    private static final Duration EXIT_REPORT_DELAY = Duration.ofMillis(500);
    // Writing a JDK 25 AOT cache at exit took 20-60 s per service on a loaded 2-core machine.
    private static final Duration CACHE_WRITING_GRACE = Duration.ofSeconds(120);

    /**
     * What to run.
     *
     * @param dataDirectory    holds {@code pg/}, {@code broker/} and {@code logs/}
     * @param externalDatabase a PostgreSQL to use instead of the embedded one
     * @param externalBroker   an AMQP broker to use instead of the embedded one
     * @param postgresPort     port of the embedded PostgreSQL
     * @param amqpPort         port of the embedded broker
     * @param services         the services to start, in order
     * @param launcher         how a service is run
     * @param readyTimeout     how long all services together may take to be ready
     * @param stopGracePeriod  how long services may take to stop after SIGTERM before they are killed
     * @param serviceProperties configuration properties per service name (e.g. {@code monitor} →
     *                          {@code papertrader.monitor.feed.speed=5}), given to the service as environment
     *                          variables ({@link ServiceConnectionConfig#environmentName}); a variable already set in
     *                          the environment of {@code up} wins, so a user can override any of them
     * @param gatewayPort      port of the {@link Gateway} in front of the services; 0 for no gateway
     */
    public record Settings(Path dataDirectory, Optional<DatabaseServer> externalDatabase, Optional<BrokerEndpoint> externalBroker,
                           int postgresPort, int amqpPort, List<ServiceSpec> services, ServiceLauncher launcher,
                           Duration readyTimeout, Duration stopGracePeriod, Map<String, Map<String, String>> serviceProperties,
                           int gatewayPort) {
        public Settings {
            dataDirectory = dataDirectory.toAbsolutePath().normalize();
            services = List.copyOf(services);
            serviceProperties = serviceProperties.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Map.copyOf(entry.getValue())));
        }

        /** Settings without a gateway. */
        public Settings(Path dataDirectory, Optional<DatabaseServer> externalDatabase, Optional<BrokerEndpoint> externalBroker,
                        int postgresPort, int amqpPort, List<ServiceSpec> services, ServiceLauncher launcher,
                        Duration readyTimeout, Duration stopGracePeriod, Map<String, Map<String, String>> serviceProperties) {
            this(dataDirectory, externalDatabase, externalBroker, postgresPort, amqpPort, services, launcher, readyTimeout,
                    stopGracePeriod, serviceProperties, 0);
        }

        /** Settings that give the services no configuration beyond the connection to the database and broker. */
        public Settings(Path dataDirectory, Optional<DatabaseServer> externalDatabase, Optional<BrokerEndpoint> externalBroker,
                        int postgresPort, int amqpPort, List<ServiceSpec> services, ServiceLauncher launcher,
                        Duration readyTimeout, Duration stopGracePeriod) {
            this(dataDirectory, externalDatabase, externalBroker, postgresPort, amqpPort, services, launcher, readyTimeout,
                    stopGracePeriod, Map.of());
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch startFinished = new CountDownLatch(1);
    private final CompletableFuture<Integer> termination = new CompletableFuture<>();
    private final List<SupervisedService> services = new CopyOnWriteArrayList<>();
    private final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private volatile EmbeddedDatabase embeddedDatabase;
    private volatile EmbeddedBroker embeddedBroker;
    private volatile DatabaseServer database;
    private volatile BrokerEndpoint broker;
    private volatile Gateway gateway;
    private boolean stopped;

    /** @param out where progress and the endpoints are printed */
    public LocalStack(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Brings the stack up; returns when every service is ready.
     *
     * @throws LocalStackException when anything fails; everything started is stopped again
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("start() was already called");
        }
        boolean up = false;
        try {
            bringUp();
            up = true;
        } catch (RuntimeException e) {
            throw e instanceof LocalStackException known ? known : new LocalStackException(e.getMessage(), e);
        } finally {
            if (!up) { // whatever went wrong, even an Error, stop what was started
                stopAll();
            }
            startFinished.countDown();
        }
    }

    private void bringUp() {
        Path logs = settings.dataDirectory().resolve("logs");
        createDirectories(logs);
        Map<ServiceSpec, List<String>> commands = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ServiceSpec service : settings.services()) {
            try {
                commands.put(service, settings.launcher().command(service));
            } catch (LocalStackException e) {
                problems.add(e.getMessage());
            }
            if (!PortCheck.isFree("127.0.0.1", service.port())) {
                problems.add(service.name() + " cannot listen on port " + service.port() + ": it is in use (is the stack"
                        + " already running?).");
            }
        }
        if (settings.gatewayPort() != 0 && !PortCheck.isFree("127.0.0.1", settings.gatewayPort())) {
            problems.add("the gateway cannot listen on port " + settings.gatewayPort() + ": it is in use (choose another"
                    + " with --gateway-port).");
        }
        if (!problems.isEmpty()) {
            throw new LocalStackException(String.join("\n", problems));
        }

        database = settings.externalDatabase().orElseGet(this::startEmbeddedDatabase);
        checkNotStopping();
        broker = settings.externalBroker().map(LocalStack::requireReachable).orElseGet(this::startEmbeddedBroker);
        checkNotStopping();
        out.println("Bootstrapping database roles and schemas on " + database.jdbcUrl());
        DatabaseBootstrap.runWithLocalPasswords(database);
        // the services verify API tokens with this key; ./papertrader token signs with its private half
        JwtKeys keys = JwtKeys.ensureIn(keysDirectory(settings.dataDirectory()));

        for (Map.Entry<ServiceSpec, List<String>> entry : commands.entrySet()) {
            checkNotStopping();
            ServiceSpec spec = entry.getKey();
            Map<String, String> environment = new LinkedHashMap<>(
                    new ServiceConnectionConfig(spec.role(), spec.role().localPassword(), database, broker).environment());
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
            environment.put(JWT_PUBLIC_KEY_VARIABLE, keys.publicKeyFile().toString());
            // Flyway's first JDBC connection can take longer than Agroal's default 5 s while four JVMs start at once
            // on a busy machine; waiting is better than a failed start
            environment.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", JDBC_ACQUISITION_TIMEOUT);
            settings.serviceProperties().getOrDefault(spec.name(), Map.of()).forEach((key, value) -> {
                String variable = ServiceConnectionConfig.environmentName(key);
                if (System.getenv(variable) == null) {
                    environment.put(variable, value);
                }
            });
            out.println("Starting " + spec.name() + " on port " + spec.port() + " (log " + logs.resolve(spec.name() + ".log") + ")");
            SupervisedService service = SupervisedService.start(spec, entry.getValue(), environment,
                    logs.resolve(spec.name() + ".log"));
            services.add(service);
            service.process().onExit().thenRunAsync(() -> reportUnexpectedExit(service),
                    CompletableFuture.delayedExecutor(EXIT_REPORT_DELAY.toMillis(), TimeUnit.MILLISECONDS));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        for (SupervisedService service : services) {
            service.awaitReady(http, deadline, settings.readyTimeout(), () -> stopping);
        }
        if (settings.gatewayPort() != 0) {
            checkNotStopping();
            gateway = Gateway.start("127.0.0.1", settings.gatewayPort(), Route.bundled(), services.stream()
                    .collect(Collectors.toMap(service -> service.spec().module(), service -> service.spec().port())));
        }
        printEndpoints();
    }

    private DatabaseServer startEmbeddedDatabase() {
        Path directory = settings.dataDirectory().resolve("pg");
        out.println("Starting PostgreSQL on port " + settings.postgresPort() + " (data " + directory + ")");
        embeddedDatabase = EmbeddedDatabase.startPersistent(directory, settings.postgresPort(),
                settings.dataDirectory().resolve("logs").resolve("postgres.log"));
        return embeddedDatabase.server();
    }

    private BrokerEndpoint startEmbeddedBroker() {
        Path directory = settings.dataDirectory().resolve("broker");
        out.println("Starting the Artemis broker on port " + settings.amqpPort() + " (data " + directory + ")");
        embeddedBroker = EmbeddedBroker.startPersistent(directory, settings.amqpPort());
        return embeddedBroker.endpoint();
    }

    private static BrokerEndpoint requireReachable(BrokerEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 2000);
            return endpoint;
        } catch (IOException e) {
            throw new LocalStackException("cannot reach the AMQP broker at " + endpoint.url() + ": " + e.getMessage());
        }
    }

    private void checkNotStopping() {
        if (stopping) {
            throw new LocalStackException("stopped while starting");
        }
    }

    private void printEndpoints() {
        out.println();
        out.println("papertrader is up (data in " + settings.dataDirectory() + ")");
        out.printf("  %-10s %s  superuser %s%s%n", "PostgreSQL", database.jdbcUrl(), database.superuser(),
                embeddedDatabase != null ? "  (embedded)" : "  (external)");
        out.printf("  %-10s %s  AMQP 1.0%s%n", "broker", broker.url(),
                embeddedBroker != null ? " and CORE  (embedded)" : "  (external)");
        for (SupervisedService service : services) {
            out.printf("  %-10s %s  log %s%n", service.spec().name(), service.spec().baseUrl(), service.logFile());
            if (!service.spec().highlights().isEmpty()) {
                out.printf("  %-10s   %s%n", "", String.join(", ", service.spec().highlights()));
            }
        }
        if (!services.isEmpty()) {
            out.printf("  %-10s %s%n", "", "each service: /q/health, /q/metrics, /q/openapi, /q/swagger-ui");
        }
        if (gateway != null) {
            String url = "http://localhost:" + gateway.port();
            out.printf("  %-10s %s  one entry point, routed like the ingress: %s%n", "gateway", url,
                    Route.bundled().stream().map(Route::path).collect(Collectors.joining(" ")));
            out.printf("  %-10s %s%n", "", "REST needs a bearer token: TOKEN=$(./papertrader token --role viewer"
                    + dataDirectoryOption() + ")  (or --role trader to change things)");
            out.printf("  %-10s %s%n", "", "curl -H \"Authorization: Bearer $TOKEN\" " + url + "/api/monitor/signals");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** {@code " --data-dir DIR"} unless the data directory is the default one, {@code .papertrader} in the checkout. */
    private String dataDirectoryOption() {
        Path data = settings.dataDirectory();
        boolean isDefault = data.getFileName() != null && data.getFileName().toString().equals(".papertrader")
                && data.getParent() != null && Files.isRegularFile(data.getParent().resolve("deploy/local-stack/pom.xml"));
        return isDefault ? "" : " --data-dir " + data;
    }

    /** Where {@code up} keeps the key pair of the API tokens: {@code <data-dir>/keys}. */
    public static Path keysDirectory(Path dataDirectory) {
        return dataDirectory.resolve("keys");
    }

    /** The gateway, or null when there is none (yet). */
    public Gateway gateway() {
        return gateway;
    }

    private void reportUnexpectedExit(SupervisedService service) {
        if (stopping || termination.isDone()) {
            return;
        }
        out.println(service.spec().name() + " exited with code " + service.process().exitValue()
                + "; stopping the stack." + service.logTailMessage());
        termination.complete(1);
    }

    /**
     * Blocks while the stack runs, then makes sure it is stopped.
     *
     * @return 0 after {@link #close()} (Ctrl-C), 1 when a service exited on its own
     */
    public int awaitTermination() {
        int status = termination.join();
        close();
        return status;
    }

    /** The running services, in start order. */
    public List<SupervisedService> services() {
        return List.copyOf(services);
    }

    /** The database the services use; null before {@link #start()} got to it. */
    public DatabaseServer database() {
        return database;
    }

    /** The broker the services use; null before {@link #start()} got to it. */
    public BrokerEndpoint broker() {
        return broker;
    }

    /** Stops everything (idempotent, safe from any thread, including a shutdown hook during {@link #start()}). */
    @Override
    public void close() {
        stopping = true;
        if (started.get()) {
            try {
                // let start() notice and finish its current step, so what it starts is stopped below
                startFinished.await(settings.readyTimeout().toMillis() + 60_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopAll();
    }

    /** Has {@code task} run first when the stack stops (e.g. to stop reading from the database before it goes away). */
    public void beforeStop(Runnable task) {
        beforeStop.add(task);
    }

    private synchronized void stopAll() {
        stopping = true;
        if (stopped) {
            return;
        }
        stopped = true;
        beforeStop.forEach(task -> stopQuietly(task, "a stop task"));
        if (gateway != null) {
            stopQuietly(gateway::close, "the gateway");
        }
        if (!services.isEmpty()) {
            out.println("Stopping " + services.stream().map(service -> service.spec().name()).collect(Collectors.joining(", ")));
            services.forEach(SupervisedService::requestStop);
            long start = System.nanoTime();
            for (SupervisedService service : services) {
                Duration grace = stopGracePeriod(service);
                Duration left = Duration.ofNanos(Math.max(0, start + grace.toNanos() - System.nanoTime()));
                if (service.writesStartupCacheAtExit() && service.process().isAlive()) {
                    out.println(service.spec().name() + " is writing its start-up cache (once, after a build)");
                }
                if (!service.awaitStop(left)) {
                    out.println(service.spec().name() + " did not stop within " + grace.toSeconds()
                            + " s of SIGTERM and was killed");
                }
            }
        }
        if (embeddedBroker != null) {
            out.println("Stopping the broker");
            stopQuietly(embeddedBroker::close, "the broker");
        }
        if (embeddedDatabase != null) {
            out.println("Stopping PostgreSQL");
            stopQuietly(embeddedDatabase::close, "PostgreSQL");
        }
        out.flush();
        termination.complete(0);
    }

    /** A service that writes its start-up cache at exit gets {@link #CACHE_WRITING_GRACE} more. */
    private Duration stopGracePeriod(SupervisedService service) {
        return service.writesStartupCacheAtExit() ? settings.stopGracePeriod().plus(CACHE_WRITING_GRACE)
                : settings.stopGracePeriod();
    }

    private void stopQuietly(Runnable stop, String what) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            out.println(what + " did not stop cleanly: " + e.getMessage());
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
