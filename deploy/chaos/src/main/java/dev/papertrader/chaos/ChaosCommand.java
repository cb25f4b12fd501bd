package dev.papertrader.chaos;

import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.BacktestResult;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.Sizing;
import dev.papertrader.localstack.up.QuarkusJarLauncher;
import dev.papertrader.localstack.up.ReferenceRun;
import dev.papertrader.localstack.up.RepositoryLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ./papertrader chaos}: the fault-injection harness. One no-fault run, then {@code --trials} runs of the
 * whole system (the four packaged services on a persistent embedded PostgreSQL and Artemis) over the same real
 * data, each with the faults of a seeded {@link FaultSchedule}: every service killed with SIGKILL and restarted, the
 * broker and PostgreSQL restarted, a batch of {@link PoisonInjector poison messages} on every input address. After
 * each run its {@link FinalState} is compared with the no-fault run's and with the in-process
 * {@link BacktestEngine}'s; the table at the end gives, per trial, the faults, the dead letters, lost and duplicate
 * fills and state differences. Exit status 0 only when the last three are 0 everywhere and every poison message
 * was dead-lettered by every service consuming its address.
 */
public final class ChaosCommand {

    /** A run fails when bars published, signals decided and the portfolio's slice have not moved for this long. */
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 100;
    private static final Duration DEAD_LETTER_WAIT = Duration.ofSeconds(30);

    private final ChaosOptions options;
    private final PrintStream out;
    private final List<Bar> bars;
    private final Instant lastSlice;
    private final BacktestResult backtest;
    private final Map<String, Map<String, String>> serviceProperties;
    /** The run in progress, stopped by the shutdown hook on Ctrl-C (PostgreSQL would outlive this JVM otherwise). */
    private volatile ChaosStack current;

    ChaosCommand(ChaosOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.bars = BundledData.loadAll(options.datasets().toArray(String[]::new));
        this.lastSlice = bars.getLast().openTime();
        this.backtest = new BacktestEngine(backtestConfig()).run(bars);
        this.serviceProperties = serviceProperties(options.datasets());
    }

    public static void main(String[] arguments) {
        Path root = java.util.Optional.ofNullable(System.getProperty("papertrader.root")).map(Path::of)
                .orElseGet(RepositoryLayout::locateRoot).toAbsolutePath().normalize();
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(List.of(arguments), root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status = new ChaosCommand(options, System.out).run();
        System.exit(status);
    }

    /** The reference configuration (ReferenceRun), for every symbol replayed. */
    static BacktestConfig backtestConfig() {
        RouterConfig router = RouterConfig.defaults().withSizing(new Sizing.AllIn()).withFractional(true).withLongOnly(true);
        return new BacktestConfig(ReferenceRun.ACCOUNT, ReferenceRun.STARTING_CASH,
                List.of(StrategySpec.of(ReferenceRun.STRATEGY)), router, ExecutionConfig.defaults(),
                PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
    }

    /** {@link ReferenceRun#serviceProperties} at full speed, replaying {@code datasets}. */
    static Map<String, Map<String, String>> serviceProperties(List<String> datasets) {
        Map<String, Map<String, String>> properties = new LinkedHashMap<>();
        ReferenceRun.serviceProperties(0).forEach((service, values) -> properties.put(service, new LinkedHashMap<>(values)));
        properties.get("monitor").put("papertrader.monitor.feed.datasets", String.join(",", datasets));
        properties.get("monitor").put("papertrader.monitor.feed.retry-delay", "500ms");
        return properties;
    }

    int run() {
        out.printf("chaos: %d bars of %s (%d symbols), in-process backtest: %d orders, %d fills, %d trades%n", bars.size(),
                String.join(" + ", options.datasets()), bars.stream().map(Bar::symbol).distinct().count(),
                backtest.orders().size(), backtest.fills().size(), backtest.trades().size());
        Map<String, List<String>> expectedByBacktest = FinalState.expectedFrom(backtest, ReferenceRun.ACCOUNT);
        Set<String> expectedFills = backtest.fills().stream().map(Fill::id).collect(Collectors.toSet());
        QuarkusJarLauncher launcher = QuarkusJarLauncher.withCurrentJava(options.servicesRoot(),
                QuarkusJarLauncher.serviceJvmOptions(System.getenv()));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ChaosStack running = current;
            if (running != null) {
                running.close();
            }
        }, "chaos-stop"));
        List<TrialResult> results = new ArrayList<>();
        TrialResult baseline = runOnce("no-fault", null, launcher, null, expectedByBacktest, expectedFills);
        results.add(baseline);
        int lastTrial = options.firstTrial() + options.trials() - 1;
        for (int trial = options.firstTrial(); trial <= lastTrial; trial++) {
            FaultSchedule schedule = FaultSchedule.draw(options.seed() + trial,
                    List.of("monitor", "router", "orders", "portfolio"), bars.size());
            results.add(runOnce("trial " + trial, schedule, launcher, baseline.state(), expectedByBacktest, expectedFills));
        }
        out.println();
        out.println(ResultTable.render(results));
        boolean clean = results.stream().allMatch(TrialResult::clean);
        out.println(clean ? "chaos: every trial equals the no-fault run and the backtest; no fill lost or duplicated"
                : "chaos: FAILED (see the rows above and the differences printed per trial)");
        return clean ? 0 : 1;
    }

    private TrialResult runOnce(String name, FaultSchedule schedule, QuarkusJarLauncher launcher, FinalState baseline,
                                Map<String, List<String>> expectedByBacktest, Set<String> expectedFills) {
        long seed = schedule == null ? 0 : schedule.seed();
        out.printf("%n== %s%s%n", name, schedule == null ? "" : " (seed " + seed + "): " + schedule.faults().stream()
                .map(FaultSchedule.Fault::describe).collect(Collectors.joining(", ")));
        long started = System.nanoTime();
        Path directory = options.workDirectory().resolve(name.replace(' ', '-'));
        Map<String, Integer> faults = new LinkedHashMap<>();
        List<PoisonInjector.Batch> poison = new ArrayList<>();
        PoisonInjector injector = null;
        try (ChaosStack stack = new ChaosStack(directory, launcher, serviceProperties)) {
            current = stack;
            stack.start();
            injector = new PoisonInjector(stack.amqpHost(), stack.amqpPort());
            ArrayList<FaultSchedule.Fault> pending = schedule == null ? new ArrayList<>() : new ArrayList<>(schedule.faults());
            StallWatch stall = new StallWatch(STALL_TIMEOUT, System::nanoTime);
            while (true) {
                Progress progress = Progress.read(stack, lastSlice);
                while (!pending.isEmpty() && progress != null
                        && (progress.publishedBars() >= pending.getFirst().afterBar() || progress.done())) {
                    FaultSchedule.Fault fault = pending.removeFirst();
                    inject(stack, injector, fault, name, poison);
                    faults.merge(fault.kind().label, 1, Integer::sum);
                    progress = null; // the fault took time: read again
                }
                if (progress != null && progress.done() && pending.isEmpty()) {
                    break;
                }
                String dead = stack.deadServices();
                if (!dead.isEmpty()) {
                    throw new IllegalStateException("a service died on its own:\n" + dead);
                }
                if (stall.stalled(progress == null ? null : progress.moving())) {
                    throw new IllegalStateException("the run made no progress for " + STALL_TIMEOUT + ": " + progress);
                }
                Sleep.millis(POLL_MILLIS);
            }
            int missingDeadLetters = awaitDeadLetters(stack, poison);
            FinalState state;
            int deadLettered;
            try (Connection connection = stack.connect()) {
                state = FinalState.read(connection);
                deadLettered = (int) deadLetters(connection);
            }
            List<String> vsBaseline = new ArrayList<>(baseline == null ? List.of()
                    : FinalState.differences(baseline.tables(), state.tables()));
            stack.brokerDeadLetters().forEach((queue, count) -> vsBaseline.add(
                    "the broker moved " + count + " message(s) to " + queue + " (lost to their consumer)"));
            List<String> vsBacktest = FinalState.differences(expectedByBacktest, state.comparableWithBacktest());
            int lost = state.lostFills(expectedFills);
            int duplicates = state.duplicateFills();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            TrialResult result = new TrialResult(name, seed, faults, poison.stream()
                    .mapToInt(batch -> batch.sentByKind().values().stream().mapToInt(Integer::intValue).sum()).sum(),
                    deadLettered, missingDeadLetters, lost, duplicates, vsBaseline, vsBacktest,
                    state.tables().get("fills").size(), took, state, null);
            out.println(result.summary());
            current = null;
            return result;
        } catch (RuntimeException | SQLException e) {
            current = null;
            out.println(name + " could not finish: " + e.getMessage());
            return TrialResult.failed(name, seed, faults, e.toString(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void inject(ChaosStack stack, PoisonInjector injector, FaultSchedule.Fault fault, String trial,
                        List<PoisonInjector.Batch> poison) {
        out.println("  " + fault.describe());
        switch (fault.kind()) {
            case SIGKILL -> {
                stack.kill(fault.target());
                stack.start(fault.target());
            }
            case BROKER_RESTART -> stack.restartBroker();
            case DATABASE_RESTART -> stack.restartDatabase();
            case POISON -> {
                try (Connection connection = stack.connect()) {
                    PoisonInjector.Batch batch = injector.inject(connection, trial.replace(' ', '-'));
                    poison.add(batch);
                    out.println("    sent " + batch.sentByKind());
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read the outboxes for the poison batch", e);
                }
            }
        }
    }

    /**
     * Waits until every invalid poison message is in the dead_letters table of every service consuming its address,
     * and every unknown-symbol order is stored REJECTED without a fill, at most {@link #DEAD_LETTER_WAIT}; returns how
     * many of those outcomes are still missing.
     */
    private static int awaitDeadLetters(ChaosStack stack, List<PoisonInjector.Batch> batches) throws SQLException {
        long deadline = System.nanoTime() + DEAD_LETTER_WAIT.toNanos();
        while (true) {
            int missing = 0;
            try (Connection connection = stack.connect()) {
                for (PoisonInjector.Batch batch : batches) {
                    for (Map.Entry<String, String> poison : batch.invalidIdsByAddress().entrySet()) {
                        for (String schema : PoisonInjector.CONSUMER_SCHEMAS.get(poison.getValue())) {
                            if (!hasDeadLetter(connection, schema, poison.getKey())) {
                                missing++;
                            }
                        }
                    }
                    for (String orderId : batch.unknownSymbolOrderIds()) {
                        if (!isRejectedWithoutFill(connection, orderId)) {
                            missing++;
                        }
                    }
                }
            }
            if (missing == 0 || System.nanoTime() - deadline > 0) {
                return missing;
            }
            Sleep.millis(500);
        }
    }

    private static boolean hasDeadLetter(Connection connection, String schema, String messageId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from " + schema
                + ".dead_letters where message_id = ? and reason <> '' and body is not null")) {
            statement.setString(1, messageId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    private static boolean isRejectedWithoutFill(Connection connection, String orderId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select (select count(*) from orders.orders
                        where id = ? and status = 'REJECTED' and reason like '%no market data%'),
                       (select count(*) from orders.fills where order_id = ?)""")) {
            statement.setString(1, orderId);
            statement.setString(2, orderId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1) == 1 && row.getLong(2) == 0;
            }
        }
    }

    private static long deadLetters(Connection connection) throws SQLException {
        long total = 0;
        for (String schema : List.of("monitor", "router", "orders", "portfolio")) {
            try (PreparedStatement statement = connection.prepareStatement("select count(*) from " + schema + ".dead_letters");
                 ResultSet row = statement.executeQuery()) {
                row.next();
                total += row.getLong(1);
            }
        }
        return total;
    }

    /** How far a run got; null while the database cannot be read (it is being restarted). */
    record Progress(long publishedBars, long signals, long decided, Instant portfolioAsOf, long unsentOutbox,
                    boolean done) {

        /** What changes while the run moves (a fault in progress leaves it as it is). */
        List<Object> moving() {
            return java.util.Arrays.asList(publishedBars, signals, decided, portfolioAsOf, unsentOutbox);
        }

        static Progress read(ChaosStack stack, Instant lastSlice) {
            try (Connection connection = stack.connect()) {
                long bars = count(connection, "select count(*) from monitor.bars");
                long signals = count(connection, "select count(*) from monitor.signals");
                long decided = count(connection, "select count(distinct signal_id) from router.decisions");
                long unsent = 0;
                for (String schema : List.of("monitor", "router", "orders", "portfolio")) {
                    unsent += count(connection, "select count(*) from " + schema + ".outbox where sent_at is null");
                }
                Instant asOf = null;
                try (PreparedStatement statement = connection.prepareStatement(
                        "select as_of from portfolio.paper_portfolio where account_id = ?")) {
                    statement.setString(1, ReferenceRun.ACCOUNT);
                    try (ResultSet row = statement.executeQuery()) {
                        if (row.next() && row.getObject(1) != null) {
                            asOf = row.getObject(1, java.time.OffsetDateTime.class).toInstant();
                        }
                    }
                }
                return new Progress(bars, signals, decided, asOf, unsent,
                        lastSlice.equals(asOf) && decided == signals && unsent == 0);
            } catch (SQLException e) {
                return null;
            }
        }

        private static long count(Connection connection, String sql) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
