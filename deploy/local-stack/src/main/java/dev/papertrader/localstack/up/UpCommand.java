package dev.papertrader.localstack.up;

import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.database.DatabaseServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./papertrader up}: runs the whole system locally until Ctrl-C. See {@link LocalStack}. */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts PostgreSQL and the Artemis broker (embedded, with their data kept in the data directory,"
                + " or external ones), creates the service roles and schemas, starts the services and waits until they"
                + " are ready, configured for the reference run (the bundled AAPL 2013 daily bars replayed through the MACD"
                + " crossover, all-in, long only, filled at the next open). Ctrl-C stops everything; the next up goes on"
                + " from where it stopped.")
public class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Holds pg/, broker/ and logs/ (default: .papertrader in the repository).")
    Path dataDirectory;

    @Option(names = "--services", paramLabel = "LIST", defaultValue = "monitor,router,orders,portfolio",
            description = "Services to start, comma-separated (default: ${DEFAULT-VALUE}).")
    String services;

    @Option(names = "--infra-only", description = "Start only PostgreSQL and the broker (e.g. to run services in dev mode).")
    boolean infraOnly;

    @Option(names = "--speed", paramLabel = "BARS_PER_SECOND", defaultValue = "${env:PAPERTRADER_REPLAY_SPEED:-5}",
            description = "Replay pace of the reference run, in bars per second; 0 replays as fast as possible"
                    + " (env PAPERTRADER_REPLAY_SPEED, default ${DEFAULT-VALUE}).")
    double barsPerSecond;

    @Option(names = "--feed", paramLabel = "replay|binance", defaultValue = "replay",
            description = "The monitor's market data: the reference replay (default) or Binance's live klines"
                    + " (docs/market-data.md).")
    String feed;

    @Option(names = "--symbols", paramLabel = "LIST", defaultValue = "BTCUSDT",
            description = "With --feed binance: symbols to watch, comma-separated (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--interval", paramLabel = "INTERVAL", defaultValue = "1m",
            description = "With --feed binance: kline interval (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--service-jvm-options", paramLabel = "OPTIONS",
            defaultValue = "${env:PAPERTRADER_SERVICE_JVM_OPTS:-" + QuarkusJarLauncher.DEFAULT_SERVICE_JVM_OPTIONS + "}",
            description = "JVM options of every service, space-separated (env PAPERTRADER_SERVICE_JVM_OPTS, default"
                    + " ${DEFAULT-VALUE}).")
    String serviceJvmOptions;

    @Option(names = "--no-startup-cache",
            description = "Do not record or use the JVM's start-up cache of each service (in <data-dir>/cache).")
    boolean noStartupCache;

    @Option(names = "--quiet", description = "Do not print the signals, decisions, fills and trades as they happen.")
    boolean quiet;

    @Option(names = "--pg-port", paramLabel = "PORT", defaultValue = "" + LocalStack.DEFAULT_POSTGRES_PORT,
            description = "Port of the embedded PostgreSQL (default: ${DEFAULT-VALUE}).")
    int postgresPort;

    @Option(names = "--amqp-port", paramLabel = "PORT", defaultValue = "" + LocalStack.DEFAULT_AMQP_PORT,
            description = "Port of the embedded broker, AMQP 1.0 and CORE (default: ${DEFAULT-VALUE}).")
    int amqpPort;

    @Option(names = "--gateway-port", paramLabel = "PORT", defaultValue = "" + LocalStack.DEFAULT_GATEWAY_PORT,
            description = "Port of the gateway, the one entry point that routes like the Kubernetes ingress (/api/monitor,"
                    + " /api/router, /api/orders, /api/portfolio, /ws/alerts, /); 0 for none (default: ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--db-url", paramLabel = "JDBC-URL", defaultValue = "${env:PAPERTRADER_DB_URL}",
            description = "Use this PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://localhost:5432/papertrader"
                    + " (env PAPERTRADER_DB_URL).")
    String databaseUrl;

    @Option(names = "--db-superuser", paramLabel = "ROLE", defaultValue = "${env:PAPERTRADER_DB_SUPERUSER:-postgres}",
            description = "Role that runs the bootstrap on --db-url (env PAPERTRADER_DB_SUPERUSER, default postgres).")
    String databaseSuperuser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:PAPERTRADER_DB_PASSWORD}",
            description = "Its password (env PAPERTRADER_DB_PASSWORD).")
    String databasePassword;

    @Option(names = "--amqp-url", paramLabel = "URL", defaultValue = "${env:PAPERTRADER_AMQP_URL}",
            description = "Use this AMQP 1.0 broker instead of the embedded one, e.g. amqp://user:secret@localhost:5672"
                    + " (env PAPERTRADER_AMQP_URL).")
    String amqpUrl;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long the services may take to be ready (default: ${DEFAULT-VALUE}).")
    int readyTimeoutSeconds;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "How long a service may take to stop before it is killed (default: ${DEFAULT-VALUE}).")
    int stopTimeoutSeconds;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The papertrader checkout holding the built services (default: found from the working directory).")
    Path repositoryRoot;

    @Override
    public Integer call() {
        LocalStack.Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("papertrader up: " + e.getMessage());
            return 2;
        }
        LocalStack stack = new LocalStack(settings, System.out);
        // registered before anything starts, so a Ctrl-C during the start stops what was started
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "papertrader-up-stop"));
        try {
            stack.start();
        } catch (LocalStackException e) {
            System.err.println("papertrader up failed: " + e.getMessage());
            return 1;
        }
        if (!quiet && settings.services().size() == ServiceSpec.ALL.size()) {
            ActivityPrinter activity = ActivityPrinter.start(stack.database(), ReferenceRun.ACCOUNT, System.out);
            stack.beforeStop(activity::close);
        }
        return stack.awaitTermination();
    }

    /** The options as {@link LocalStack} settings. */
    LocalStack.Settings settings() {
        Path root = repositoryRoot != null ? repositoryRoot.toAbsolutePath().normalize() : RepositoryLayout.locateRoot();
        Path data = dataDirectory != null ? dataDirectory : root.resolve(".papertrader");
        Optional<DatabaseServer> externalDatabase = blankToEmpty(databaseUrl)
                .map(url -> DatabaseServer.fromJdbcUrl(url, databaseSuperuser, databasePassword));
        Optional<BrokerEndpoint> externalBroker = blankToEmpty(amqpUrl).map(BrokerEndpoint::parse);
        List<ServiceSpec> chosen = infraOnly ? List.of() : ServiceSpec.parseList(services);
        if (gatewayPort < 0 || gatewayPort > 65535) {
            throw new IllegalArgumentException("--gateway-port must be a port number, or 0 for no gateway");
        }
        if (readyTimeoutSeconds <= 0 || stopTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("--ready-timeout and --stop-timeout must be positive");
        }
        if (!(barsPerSecond >= 0) || Double.isInfinite(barsPerSecond)) {
            throw new IllegalArgumentException("--speed must be 0 (as fast as possible) or a positive number of bars per second");
        }
        return new LocalStack.Settings(data, externalDatabase, externalBroker, postgresPort, amqpPort, chosen,
                QuarkusJarLauncher.withCurrentJava(root, QuarkusJarLauncher.splitOptions(serviceJvmOptions),
                        noStartupCache ? Optional.empty() : Optional.of(data.resolve("cache"))),
                Duration.ofSeconds(readyTimeoutSeconds),
                Duration.ofSeconds(stopTimeoutSeconds),
                LiveFeedOptions.apply(ReferenceRun.serviceProperties(barsPerSecond), feed, symbols, interval),
                chosen.isEmpty() ? 0 : gatewayPort);
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
