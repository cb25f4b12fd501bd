package dev.papertrader.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.BacktestResult;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.Sizing;
import dev.papertrader.localstack.ServiceRole;
import dev.papertrader.localstack.broker.BrokerTopology;
import dev.papertrader.localstack.up.QuarkusJarLauncher;
import dev.papertrader.localstack.up.ReferenceRun;
import dev.papertrader.localstack.up.RepositoryLayout;
import dev.papertrader.system.StoredRows.Equity;
import dev.papertrader.system.StoredRows.StoredFill;
import dev.papertrader.system.StoredRows.StoredOrder;
import dev.papertrader.system.StoredRows.StoredSignal;
import dev.papertrader.system.StoredRows.Trade;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of the four services: the reference run (AAPL 2013 daily bars, MACD crossover, all-in,
 * fractional, long only, market orders filled at the next open without costs, 10,000 cash), replayed as fast as
 * possible through monitor, router, order and portfolio services running from their packaged jars on embedded
 * PostgreSQL and Artemis, gives trade for trade what trading-core's in-process {@link BacktestEngine} gives on the same
 * data and configuration; every record is kept in its owner's schema; nothing is dead-lettered.
 *
 * <p>The system is started once for the class; the replay is over when the portfolio has marked the last bar and
 * every service's outbox is sent. The timings are printed.
 */
class ReferenceReplaySystemTest {

    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private static RunningSystem system;
    private static BacktestResult backtest;
    private static List<Bar> bars;
    private static final Map<String, Duration> timings = new LinkedHashMap<>();

    /** trading-core's reference configuration ({@code Ta4jEquivalenceTests.referenceConfig()}), for the same account. */
    static BacktestConfig referenceConfig() {
        RouterConfig router = RouterConfig.defaults().withSizing(new Sizing.AllIn()).withFractional(true).withLongOnly(true);
        return new BacktestConfig(ReferenceRun.ACCOUNT, ReferenceRun.STARTING_CASH,
                List.of(StrategySpec.of(ReferenceRun.STRATEGY)), router, ExecutionConfig.defaults(),
                PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
    }

    @BeforeAll
    static void replayTheReferenceRunThroughTheServices() throws Exception {
        long started = System.nanoTime();
        bars = BundledData.load(ReferenceRun.DATASET).bars();
        backtest = new BacktestEngine(referenceConfig()).run(bars);
        timings.put("in-process backtest", since(started));

        Path root = Optional.ofNullable(System.getProperty("papertrader.root")).map(Path::of)
                .orElseGet(RepositoryLayout::locateRoot).toAbsolutePath().normalize();
        Path workDirectory = Optional.ofNullable(System.getProperty("papertrader.system-test.work-dir")).map(Path::of)
                .orElse(root.resolve("system-tests").resolve("target").resolve("system-test"));
        system = RunningSystem.start(root, workDirectory, ReferenceRun.serviceProperties(0),
                QuarkusJarLauncher.splitOptions(QuarkusJarLauncher.DEFAULT_SERVICE_JVM_OPTIONS), System.out);
        timings.put("PostgreSQL and broker start", system.infrastructureStart());
        timings.put("services start (all four, in parallel)", system.servicesStart());

        long replayStarted = System.nanoTime();
        awaitReplayDone(bars.getLast().openTime());
        timings.put("replay of " + bars.size() + " bars until the portfolio marked the last", since(replayStarted));
    }

    @AfterAll
    static void stopAndPrintTimings() {
        if (system != null) {
            long stopping = System.nanoTime();
            system.close();
            timings.put("stop", since(stopping));
        }
        StringBuilder report = new StringBuilder("\nReferenceReplaySystemTest timings (load average "
                + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + " on " + Runtime.getRuntime().availableProcessors() + " cores):\n");
        timings.forEach((what, took) -> report.append(String.format("  %-60s %6.1f s%n", what, took.toMillis() / 1000.0)));
        System.out.println(report);
    }

    @Test
    void theRoundTripsTheEquityCurveAndTheFinalEquityEqualTheInProcessBacktest() throws SQLException {
        List<Trade> expected = backtest.trades().stream().map(Trade::of).toList();
        List<Equity> expectedCurve = backtest.equityCurve().stream().map(Equity::of).toList();
        assertThat(expected).as("the reference run trades").isNotEmpty();

        try (Connection connection = system.connectAsSuperuser()) {
            assertThat(StoredRows.trades(connection, ReferenceRun.ACCOUNT))
                    .as("portfolio.paper_trades against the backtest's round trips")
                    .containsExactlyElementsOf(expected);
            assertThat(StoredRows.equityCurve(connection, ReferenceRun.ACCOUNT))
                    .as("portfolio.equity_curve against the backtest's equity curve")
                    .containsExactlyElementsOf(expectedCurve);
            BigDecimal equity = single(connection, "select equity from portfolio.paper_portfolio where account_id = ?",
                    ReferenceRun.ACCOUNT);
            assertThat(equity).as("final equity").isEqualByComparingTo(backtest.stats().finalEquity());
        }
    }

    @Test
    void theSignalsOrdersAndFillsAreTheBacktestsWithTheSameIds() throws SQLException {
        try (Connection connection = system.connectAsSuperuser()) {
            assertThat(StoredRows.signals(connection)).as("monitor.signals")
                    .containsExactlyElementsOf(backtest.signals().stream().map(StoredSignal::of).toList());
            assertThat(StoredRows.orders(connection)).as("orders.orders")
                    .containsExactlyElementsOf(backtest.orders().stream()
                            .sorted(Comparator.comparing(Order::createdAt).thenComparing(Order::id))
                            .map(StoredOrder::of).toList());
            assertThat(StoredRows.fills(connection)).as("orders.fills")
                    .containsExactlyElementsOf(backtest.fills().stream()
                            .sorted(Comparator.comparing(Fill::filledAt).thenComparing(Fill::id))
                            .map(StoredFill::of).toList());
        }
    }

    @Test
    void aSignalBarLeavesItsSignalDecisionOrderFillAndTradeEachInItsOwnersSchema() throws SQLException {
        try (Connection connection = system.connectAsSuperuser()) {
            // the first signal the router accepted: a BUY on bar t, filled at the open of bar t + 1
            Map<String, Object> decision = row(connection, """
                    select signal_id, order_id, bar_time, rule from router.decisions
                    where accepted order by seq limit 1""");
            String signalId = (String) decision.get("signal_id");
            String orderId = (String) decision.get("order_id");
            Instant barTime = (Instant) decision.get("bar_time");
            assertThat(orderId).as("the accepted decision names its order").isNotNull();

            Map<String, Object> signal = row(connection, "select strategy, symbol, type, bar_time from monitor.signals where id = ?",
                    signalId);
            assertThat(signal).containsEntry("strategy", ReferenceRun.STRATEGY).containsEntry("symbol", ReferenceRun.SYMBOL)
                    .containsEntry("type", "BUY").containsEntry("bar_time", barTime);

            Map<String, Object> order = row(connection, "select signal_id, side, type, status from orders.orders where id = ?",
                    orderId);
            assertThat(order).containsEntry("signal_id", signalId).containsEntry("side", "BUY")
                    .containsEntry("type", "MARKET").containsEntry("status", "FILLED");

            Map<String, Object> fill = row(connection, "select id, qty, price, filled_at from orders.fills where order_id = ?",
                    orderId);
            Bar nextBar = barAfter(barTime);
            assertThat(fill).as("filled at the next bar's open").containsEntry("filled_at", nextBar.openTime());
            assertThat((BigDecimal) fill.get("price")).isEqualByComparingTo(nextBar.open());

            Map<String, Object> booked = row(connection, "select qty, price from portfolio.booked_fills where fill_id = ?",
                    (String) fill.get("id"));
            assertThat((BigDecimal) booked.get("qty")).isEqualByComparingTo((BigDecimal) fill.get("qty"));
            assertThat((BigDecimal) booked.get("price")).isEqualByComparingTo((BigDecimal) fill.get("price"));

            Map<String, Object> trade = row(connection, """
                    select entry_time, entry_price, qty from portfolio.paper_trades
                    where account_id = ? order by seq limit 1""", ReferenceRun.ACCOUNT);
            assertThat(trade).as("the first round trip opened with that fill").containsEntry("entry_time", nextBar.openTime());
            assertThat((BigDecimal) trade.get("entry_price")).isEqualByComparingTo(nextBar.open());
            assertThat((BigDecimal) trade.get("qty")).isEqualByComparingTo((BigDecimal) fill.get("qty"));

            Map<String, ServiceRole> owners = new LinkedHashMap<>();
            owners.put("signals", ServiceRole.MONITOR);
            owners.put("decisions", ServiceRole.ROUTER);
            owners.put("orders", ServiceRole.ORDERS);
            owners.put("fills", ServiceRole.ORDERS);
            owners.put("booked_fills", ServiceRole.PORTFOLIO);
            owners.put("paper_trades", ServiceRole.PORTFOLIO);
            owners.put("paper_positions", ServiceRole.PORTFOLIO);
            owners.put("paper_portfolio", ServiceRole.PORTFOLIO);
            for (Map.Entry<String, ServiceRole> owner : owners.entrySet()) {
                assertThat(StoredRows.list(connection, """
                                select schemaname || '.' || tablename || ' owned by ' || tableowner from pg_tables
                                where tablename = ? order by schemaname""", owner.getKey(), result -> result.getString(1)))
                        .as("where table %s is", owner.getKey())
                        .containsExactly(owner.getValue().schema() + "." + owner.getKey() + " owned by " + owner.getValue().role());
            }
        }
    }

    @Test
    void noMessageWasDeadLettered() throws Exception {
        try (Connection connection = system.connectAsSuperuser()) {
            for (ServiceRole service : ServiceRole.values()) {
                assertThat(StoredRows.list(connection, "select consumer || ': ' || reason from " + service.schema()
                        + ".dead_letters order by seq", null, result -> result.getString(1)))
                        .as("messages %s rejected (%s.dead_letters)", service.serviceName(), service.schema())
                        .isEmpty();
            }
        }
        List<String> deadLettered = new ArrayList<>();
        for (String address : List.of(BrokerTopology.DEAD_LETTERS, BrokerTopology.DEAD_LETTER_ADDRESS)) {
            for (Queue queue : system.broker().server().getPostOffice().listQueuesForAddress(SimpleString.of(address))) {
                if (queue.getMessagesAdded() > 0) {
                    deadLettered.add(queue.getName() + ": " + queue.getMessagesAdded() + " messages");
                }
            }
        }
        assertThat(deadLettered).as("broker queues dead.letters and DLQ.*").isEmpty();
    }

    /**
     * Waits until the portfolio has marked the last bar, the router has decided every signal and every service's
     * outbox is sent; fails with the progress made and the end of every service's log when the timeout passes or a
     * service exits.
     */
    private static void awaitReplayDone(Instant lastBarTime) throws Exception {
        long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
        try (Connection connection = system.connectAsSuperuser()) {
            while (true) {
                Progress progress = Progress.read(connection);
                if (progress.isDone(lastBarTime)) {
                    System.out.println("Replay done: " + progress);
                    return;
                }
                system.services().stream().filter(service -> !service.process().isAlive()).findFirst().ifPresent(service -> {
                    throw new AssertionError(service.spec().name() + " exited during the replay (" + progress + ").\n"
                            + system.logTails(60));
                });
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the replay did not finish within " + REPLAY_TIMEOUT.toSeconds()
                            + " s: the portfolio was to mark " + lastBarTime + "; " + progress + ".\n" + system.logTails(60));
                }
                if (System.nanoTime() - nextProgress > 0) {
                    System.out.println("Replaying: " + progress);
                    nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
                }
                Thread.sleep(POLL_INTERVAL);
            }
        }
    }

    /** How far the replay got, read from every schema. */
    private record Progress(long bars, long signals, long decidedSignals, long orders, long fills, Instant portfolioAsOf,
                            long unsentOutbox) {

        static Progress read(Connection connection) throws SQLException {
            Instant asOf = null;
            try (PreparedStatement statement = connection.prepareStatement(
                    "select as_of from portfolio.paper_portfolio where account_id = ?")) {
                statement.setString(1, ReferenceRun.ACCOUNT);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next()) {
                        asOf = StoredRows.instant(result, 1);
                    }
                }
            }
            long unsent = 0;
            for (ServiceRole service : ServiceRole.values()) {
                unsent += StoredRows.count(connection, "select count(*) from " + service.schema() + ".outbox where sent_at is null");
            }
            return new Progress(StoredRows.count(connection, "select count(*) from monitor.bars"),
                    StoredRows.count(connection, "select count(*) from monitor.signals"),
                    StoredRows.count(connection, "select count(distinct signal_id) from router.decisions"),
                    StoredRows.count(connection, "select count(*) from orders.orders"),
                    StoredRows.count(connection, "select count(*) from orders.fills"), asOf, unsent);
        }

        boolean isDone(Instant lastBarTime) {
            return lastBarTime.equals(portfolioAsOf) && decidedSignals == signals && unsentOutbox == 0;
        }

        @Override
        public String toString() {
            return "monitor published " + bars + " bars and " + signals + " signals, the router decided " + decidedSignals
                    + ", orders " + orders + ", fills " + fills + ", portfolio as of " + portfolioAsOf + ", unsent outbox rows "
                    + unsentOutbox;
        }
    }

    private static Bar barAfter(Instant time) {
        return bars.stream().filter(bar -> bar.openTime().isAfter(time)).findFirst()
                .orElseThrow(() -> new AssertionError("no bar after " + time));
    }

    private static BigDecimal single(Connection connection, String sql, String parameter) throws SQLException {
        List<BigDecimal> values = StoredRows.list(connection, sql, parameter, result -> result.getBigDecimal(1));
        assertThat(values).as(sql).hasSize(1);
        return values.getFirst();
    }

    /** The one row a query returns, by column name; times as {@link Instant}s. */
    private static Map<String, Object> row(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("a row for %s %s", sql, List.of(parameters)).isTrue();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    String type = result.getMetaData().getColumnTypeName(column);
                    row.put(result.getMetaData().getColumnLabel(column),
                            type.startsWith("timestamp") ? StoredRows.instant(result, column) : result.getObject(column));
                }
                assertThat(result.next()).as("only one row for %s", sql).isFalse();
                return row;
            }
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
