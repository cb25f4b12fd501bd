package dev.papertrader.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.papertrader.localstack.Directories;
import dev.papertrader.localstack.PortCheck;
import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.broker.BrokerTopology;
import dev.papertrader.localstack.broker.EmbeddedBroker;
import dev.papertrader.localstack.database.DatabaseServer;
import dev.papertrader.localstack.database.EmbeddedDatabase;
import dev.papertrader.localstack.security.ApiRole;
import dev.papertrader.localstack.security.ApiTokens;
import dev.papertrader.localstack.security.JwtKeys;
import dev.papertrader.localstack.up.LocalStack;
import dev.papertrader.localstack.up.QuarkusJarLauncher;
import dev.papertrader.localstack.up.ServiceSpec;
import dev.papertrader.localstack.up.SupervisedService;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;

/**
 * {@code ./papertrader loadtest}: starts PostgreSQL and the broker (embedded, or external ones), the four packaged
 * services with a synthetic feed of N symbols at R bars per second for D seconds and strategies tuned to fire often,
 * observes the pipeline ({@link PipelineObserver}), samples CPU and RSS ({@link ProcessSampler}), checks exactly-once
 * effects ({@link StoredCounts}, {@link LossCheck}), measures the physical limits ({@link PhysicalLimits}), prints a
 * table and writes a JSON result. It stops by itself.
 *
 * <p>The bars' publication time is their arrival at the observer's own subscription to {@code market.bars}: the
 * monitor is the bar source, exactly as in production (its feed, its bars table, its strategies), and the observer
 * receives the bars through the same broker hop as the order and portfolio services.
 */
public final class LoadTestCommand {

    /** Open time of the synthetic feed's first slice (the monitor's default) and its step (1m). */
    static final Instant FEED_START = Instant.parse("2024-01-01T00:00:00Z");
    static final Duration FEED_STEP = Duration.ofMinutes(1);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String FEED_START_PATH = "/api/monitor/feed/start";
    private static final double LIMIT_SECONDS = 3;
    private static final List<String> OBSERVED_ADDRESSES = List.of(BrokerTopology.MARKET_BARS, BrokerTopology.TRADING_FILLS,
            BrokerTopology.PORTFOLIO_UPDATES, BrokerTopology.TRADING_DECISIONS);

    private LoadTestCommand() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("papertrader.root", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals("--medians")) {
            if (args.length < 2) {
                System.err.println("loadtest: --medians needs result files (JSON written by --out)");
                System.exit(2);
            }
            ResultMedians.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        LoadTestOptions options;
        try {
            options = LoadTestOptions.parse(Arrays.asList(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println("loadtest: " + e.getMessage());
            System.err.println(LoadTestOptions.USAGE);
            System.exit(2);
            return;
        }
        int status = run(options, root, System.out);
        System.exit(status);
    }

    /** Service configuration of a load run, as system properties of every service JVM (each reads its own prefix). */
    static Map<String, String> serviceProperties(LoadTestOptions options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("papertrader.monitor.feed.type", "synthetic");
        properties.put("papertrader.monitor.feed.speed", Double.toString(options.slicesPerSecond()));
        properties.put("papertrader.monitor.feed.autostart", "false");
        properties.put("papertrader.monitor.feed.synthetic.symbols", Integer.toString(options.symbols()));
        properties.put("papertrader.monitor.feed.synthetic.bars", Integer.toString(options.slices()));
        // short periods: every strategy crosses every few bars on a random walk, so orders flow from the first minute
        properties.put("papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".fastPeriod", "3");
        properties.put("papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".slowPeriod", "6");
        properties.put("papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".signalPeriod", "2");
        properties.put("papertrader.monitor.watchlist.seed-parameters.\"rsi-divergence\".rsiPeriod", "3");
        properties.put("papertrader.monitor.watchlist.seed-parameters.\"tsi-momentum\".longPeriod", "6");
        properties.put("papertrader.monitor.watchlist.seed-parameters.\"tsi-momentum\".shortPeriod", "3");
        properties.put("papertrader.monitor.watchlist.seed-parameters.\"tsi-momentum\".signalPeriod", "2");
        // every signal that can become an order does: one unit, both directions, no duplicate suppression
        properties.put("papertrader.router.sizing", "fixed-qty:1");
        properties.put("papertrader.router.long-only", "false");
        properties.put("papertrader.router.filters.suppress-duplicates", "false");
        properties.put("papertrader.portfolio.starting-cash", "1000000000");
        return properties;
    }

    static int run(LoadTestOptions options, Path root, PrintStream out) throws Exception {
        Directories.deleteRecursively(options.workDirectory());
        Files.createDirectories(options.workDirectory().resolve("logs"));
        List<ServiceSpec> services = ServiceSpec.ALL.stream().map(spec -> spec.withPort(PortCheck.freePort("127.0.0.1"))).toList();
        List<String> jvmOptions = new ArrayList<>(QuarkusJarLauncher.serviceJvmOptions(System.getenv()));
        serviceProperties(options).forEach((key, value) -> jvmOptions.add("-D" + key + "=" + value));
        QuarkusJarLauncher launcher = QuarkusJarLauncher.withCurrentJava(root, jvmOptions);
        services.forEach(launcher::command); // says how to build when a jar is missing

        out.printf("loadtest: %d symbols, %d bars/s (%.2f slices/s), %d s (%d slices, %d bars), warm-up %d s%n",
                options.symbols(), options.barsPerSecond(), options.slicesPerSecond(), options.duration(), options.slices(),
                (long) options.slices() * options.symbols(), options.warmup());
        Map<String, String> machine = machine();
        EmbeddedDatabase embeddedDatabase = null;
        EmbeddedBroker embeddedBroker = null;
        LocalStack stack = null;
        Vertx vertx = Vertx.vertx();
        List<AutoCloseable> toStop = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread stopOnExit = new Thread(() -> toStop.reversed().forEach(LoadTestCommand::closeQuietly), "loadtest-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit); // Ctrl-C or a CI timeout stops what this run started
        try {
            DatabaseServer database;
            if (options.dbUrl().isPresent()) {
                database = DatabaseServer.fromJdbcUrl(options.dbUrl().get(), options.dbSuperuser(), options.dbPassword());
            } else {
                embeddedDatabase = EmbeddedDatabase.startPersistent(options.workDirectory().resolve("pg"),
                        PortCheck.freePort("127.0.0.1"), options.workDirectory().resolve("logs/postgres.log"));
                database = embeddedDatabase.server();
                toStop.add(embeddedDatabase);
            }
            BrokerEndpoint broker;
            if (options.amqpUrl().isPresent()) {
                broker = BrokerEndpoint.parse(options.amqpUrl().get());
            } else {
                embeddedBroker = EmbeddedBroker.startPersistent(options.workDirectory().resolve("broker"),
                        PortCheck.freePort("127.0.0.1"));
                broker = embeddedBroker.endpoint();
                toStop.add(embeddedBroker);
            }
            long startupBegan = System.nanoTime();
            stack = new LocalStack(new LocalStack.Settings(options.workDirectory(), Optional.of(database), Optional.of(broker),
                    0, 0, services, launcher, READY_TIMEOUT, STOP_GRACE, Map.of()), out);
            toStop.add(stack);
            stack.start();
            double startupSeconds = (System.nanoTime() - startupBegan) / 1e9;

            Instant lastSlice = FEED_START.plus(FEED_STEP.multipliedBy(options.slices() - 1L));
            PipelineObserver observer = new PipelineObserver(FEED_START.plus(FEED_STEP.multipliedBy(options.warmupSlices())));
            AtomicLong deadLetters = new AtomicLong();
            AmqpConnection connection = connect(vertx, broker);
            for (String address : OBSERVED_ADDRESSES) {
                // the bare multicast address: the broker gives this receiver its own temporary subscription queue
                AmqpReceiver receiver = await(connection.createReceiver(address, new AmqpReceiverOptions().setMaxBufferedMessages(5000)));
                receiver.handler(message -> observer.onMessage(address, String.valueOf(message.applicationProperties() == null
                        ? "" : message.applicationProperties().getValue("type")), message.bodyAsBinary().getBytes(), System.nanoTime()));
            }
            AmqpReceiver deadLetterReceiver = await(connection.createReceiver(BrokerTopology.DEAD_LETTERS));
            deadLetterReceiver.handler(message -> deadLetters.incrementAndGet());

            Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
            for (SupervisedService service : stack.services()) {
                long pid = service.process().pid();
                groups.put(service.spec().name(), () -> List.of(pid));
            }
            if (embeddedDatabase != null) {
                Path postmasterPid = options.workDirectory().resolve("pg/postmaster.pid");
                groups.put("postgres", () -> postgresPids(postmasterPid));
            }
            long self = ProcessHandle.current().pid();
            groups.put(embeddedBroker != null ? "broker+observer" : "observer", () -> List.of(self));

            long commitsBefore;
            try (Connection sql = database.connectAsSuperuser()) {
                commitsBefore = StoredCounts.serverCommits(sql);
            }
            long brokerBefore = embeddedBroker == null ? 0 : brokerMessagesAdded(embeddedBroker);
            ProcessSampler sampler = new ProcessSampler(groups);
            sampler.start();
            ServiceSpec monitor = stack.services().getFirst().spec();
            HttpClient http = HttpClient.newHttpClient();
            // the stack made its token key pair in the work directory; a trader token may start the feed
            String trader = ApiTokens.sign(JwtKeys.in(LocalStack.keysDirectory(options.workDirectory())).privateKey(),
                    ApiRole.TRADER, Duration.ofHours(1));
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(monitor.baseUrl() + FEED_START_PATH))
                    .header("Authorization", "Bearer " + trader)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + FEED_START_PATH + " answered " + started.statusCode() + ": "
                        + started.body());
            }
            long loadStarted = System.nanoTime();
            long cpuStallBefore = cpuStallMicros();
            long deadline = loadStarted + TimeUnit.SECONDS.toNanos(options.duration() + options.drainTimeout());
            long nextReport = loadStarted + TimeUnit.SECONDS.toNanos(5);
            while (!observer.hasSnapshot(lastSlice) && System.nanoTime() < deadline && allAlive(stack)) {
                Thread.sleep(50);
                if (System.nanoTime() >= nextReport) {
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                    out.printf("  %3.0f s: %d bars, %d snapshots, %d orders, %d fills seen%n",
                            (System.nanoTime() - loadStarted) / 1e9, observer.count("market.bars", "bar"),
                            observer.count("portfolio.updates", "snapshot"), observer.counts().getOrDefault("accepted decisions", 0L),
                            observer.distinctFills());
                }
            }
            boolean drained = observer.hasSnapshot(lastSlice);
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            long cpuStallAfter = cpuStallMicros();
            if (cpuStallBefore >= 0 && cpuStallAfter >= 0) {
                machine.put("cpu pressure during load", String.format(java.util.Locale.ROOT,
                        "%.1f%% of the time some runnable task waited for a CPU (/proc/pressure/cpu)",
                        100.0 * (cpuStallAfter - cpuStallBefore) / (loadSeconds * 1e6)));
            }
            sampler.close();
            long commitsDuring;
            try (Connection sql = database.connectAsSuperuser()) {
                commitsDuring = StoredCounts.serverCommits(sql) - commitsBefore;
            }
            long brokerDuring = embeddedBroker == null ? -1 : brokerMessagesAdded(embeddedBroker) - brokerBefore;
            Map<String, ProcessSampler.Usage> usage = sampler.usage();

            // the decisions of the last slice follow its snapshot: wait until the observer has all the router stored
            Map<String, Long> stored = awaitQuiet(database, observer);
            List<String> deadServices = stack.services().stream().filter(service -> !service.process().isAlive())
                    .map(service -> service.spec().name()).toList();
            long errorLines = 0;
            for (SupervisedService service : stack.services()) {
                errorLines += errorLines(service.logFile());
            }
            List<String> failures = LossCheck.failures(stored, (long) options.slices() * options.symbols(),
                    observer.count("market.bars", "bar"), observer.distinctDecisions(), observer.distinctFills(), drained,
                    deadLetters.get(), errorLines, deadServices);
            await(connection.close());

            PhysicalLimits.Result limits = null;
            if (options.limits()) {
                out.println("measuring the physical limits (PostgreSQL commit loop, broker round trip and throughput)...");
                byte[] body = observer.sampleFillBody() != null ? observer.sampleFillBody() : new byte[256];
                limits = PhysicalLimits.measure(database, broker, body, LIMIT_SECONDS, out);
            }
            LoadTestResult result = LoadTestResult.of(options, machine, startupSeconds, loadSeconds, observer, usage,
                    commitsDuring, brokerDuring, stored, limits, failures, deadLetters.get(), errorLines);
            result.printTable(out);
            Files.createDirectories(options.output().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.output().toFile(), result);
            out.println("result: " + options.output());
            if (!failures.isEmpty()) {
                out.println("FAILED: " + String.join("; ", failures));
                out.println("logs: " + options.workDirectory().resolve("logs"));
            }
            return options.check() && !failures.isEmpty() ? 1 : 0;
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            try {
                if (stack != null) {
                    stack.close();
                }
            } finally {
                await(vertx.close());
                if (embeddedBroker != null) {
                    embeddedBroker.close();
                }
                if (embeddedDatabase != null) {
                    embeddedDatabase.close();
                }
            }
        }
    }

    /**
     * Reads the stored counts until the observer has seen every stored decision and fill and the order service has
     * stored the orders of every accepted decision (the last slice's orders are still in flight when its snapshot
     * arrives), or 10 s pass.
     */
    private static Map<String, Long> awaitQuiet(DatabaseServer database, PipelineObserver observer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Map<String, Long> stored;
            try (Connection sql = database.connectAsSuperuser()) {
                stored = StoredCounts.read(sql);
            }
            // the last slice's signals are decided after its snapshot: wait for their decisions too
            boolean complete = stored.get("signals without a decision") == 0
                    && observer.distinctDecisions() >= stored.get("decisions")
                    && observer.distinctFills() >= stored.get("fills")
                    && stored.get("accepted decisions without an order") == 0;
            if (complete || System.nanoTime() > deadline) {
                return stored;
            }
            Thread.sleep(200);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("loadtest: could not stop " + closeable + ": " + e.getMessage());
        }
    }

    private static boolean allAlive(LocalStack stack) {
        return stack.services().stream().allMatch(service -> service.process().isAlive());
    }

    /** The postmaster (first line of postmaster.pid) and its children (backends, WAL writer, checkpointer...). */
    private static List<Long> postgresPids(Path postmasterPid) {
        try {
            long pid = Long.parseLong(Files.readAllLines(postmasterPid).getFirst().trim());
            return ProcessHandle.of(pid)
                    .map(handle -> Stream.concat(Stream.of(pid), handle.descendants().map(ProcessHandle::pid)).toList())
                    .orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Messages the broker put into the services' queues so far (each copy of a multicast message counts). */
    private static long brokerMessagesAdded(EmbeddedBroker broker) {
        long total = 0;
        for (BrokerTopology.Address address : BrokerTopology.ADDRESSES) {
            for (String name : address.queues()) {
                Queue queue = broker.server().locateQueue(SimpleString.of(name));
                if (queue != null) {
                    total += queue.getMessagesAdded();
                }
            }
        }
        return total;
    }

    private static long errorLines(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(" ERROR ")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
        machine.put("load average", loadAverage());
        return machine;
    }

    private static String firstMatch(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "?";
        }
    }

    /**
     * The {@code some total} of {@code /proc/pressure/cpu}: microseconds during which at least one runnable task
     * waited for a CPU, since boot; -1 without pressure stall information.
     */
    static long cpuStallMicros() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).getFirst();
            return Long.parseLong(some.substring(some.indexOf("total=") + "total=".length()).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The 1, 5 and 15 minute load averages of {@code /proc/loadavg}. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static AmqpConnection connect(Vertx vertx, BrokerEndpoint broker) throws Exception {
        AmqpClientOptions options = new AmqpClientOptions().setHost(broker.host()).setPort(broker.port());
        if (broker.hasCredentials()) {
            options.setUsername(broker.username()).setPassword(broker.password());
        }
        return await(AmqpClient.create(vertx, options).connect());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
