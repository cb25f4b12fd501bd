package dev.papertrader.localstack.up;

import dev.papertrader.localstack.database.DatabaseServer;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints what the running system does, one line per event, so that {@code ./papertrader up} shows the replay at work:
 * the monitor's signals, the router's decisions, the exchange's fills, the portfolio's closed trades, and every
 * {@value #PROGRESS_SECONDS} s the account's equity when it changed.
 *
 * <p>It reads the services' tables as the database superuser ({@code monitor.signals}, {@code router.decisions},
 * {@code orders.fills}, {@code portfolio.paper_trades}, {@code portfolio.paper_portfolio}), polling once a second:
 * the supervisor already holds that login, and reading committed rows cannot disturb the services. At start it prints
 * a summary of what is stored (a resumed run, or what the monitor replayed while the other services were starting)
 * and then only what is new. A table that does not exist yet (its service
 * is not in the stack) is skipped.
 */
public final class ActivityPrinter implements AutoCloseable {

    static final int PROGRESS_SECONDS = 10;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(PROGRESS_SECONDS);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final DatabaseServer database;
    private final String accountId;
    private final PrintStream out;
    private final ScheduledExecutorService executor;
    private final Duration progressInterval;
    private long signalSeq;
    private long decisionSeq;
    private Instant fillTime = Instant.EPOCH;
    private String fillId = "";
    private long tradeSeq;
    private Instant reportedAsOf;
    private long lastProgress;
    private Connection connection;
    private boolean failureReported;

    private ActivityPrinter(DatabaseServer database, String accountId, PrintStream out, Duration progressInterval) {
        this.database = database;
        this.accountId = accountId;
        this.out = out;
        this.progressInterval = progressInterval;
        this.lastProgress = System.nanoTime() - progressInterval.toNanos();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "papertrader-activity");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Prints the summary of what is stored, then follows new activity until {@link #close()}. */
    public static ActivityPrinter start(DatabaseServer database, String accountId, PrintStream out) {
        return start(database, accountId, out, PROGRESS_INTERVAL);
    }

    static ActivityPrinter start(DatabaseServer database, String accountId, PrintStream out, Duration progressInterval) {
        ActivityPrinter printer = new ActivityPrinter(database, accountId, out, progressInterval);
        printer.executor.execute(printer::summarize);
        printer.executor.scheduleWithFixedDelay(printer::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return printer;
    }

    private void summarize() {
        try {
            Connection db = connection();
            long bars = count(db, "select count(*) from monitor.bars");
            long signals = count(db, "select count(*) from monitor.signals");
            long fills = count(db, "select count(*) from orders.fills");
            long trades = count(db, "select count(*) from portfolio.paper_trades");
            signalSeq = count(db, "select coalesce(max(seq), 0) from monitor.signals");
            decisionSeq = count(db, "select coalesce(max(seq), 0) from router.decisions");
            tradeSeq = count(db, "select coalesce(max(seq), 0) from portfolio.paper_trades");
            try (PreparedStatement statement = db.prepareStatement(
                    "select filled_at, id from orders.fills order by filled_at desc, id desc limit 1");
                 ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    fillTime = instant(row, 1);
                    fillId = row.getString(2);
                }
            }
            if (bars == 0) {
                out.println("Activity: signals, decisions, fills and closed trades appear below as they happen.");
            } else { // a resumed run, or the monitor started replaying while the other services were starting
                out.printf("Activity: %d bars replayed so far, %d signals, %d fills, %d closed trades; what follows is new.%n",
                        bars, signals, fills, trades);
                printEquity(db, true);
            }
            out.flush();
        } catch (SQLException e) {
            reportFailure(e);
        }
    }

    private void poll() {
        try {
            Connection db = connection();
            printSignals(db);
            printDecisions(db);
            printFills(db);
            printTrades(db);
            if (System.nanoTime() - lastProgress >= progressInterval.toNanos()) {
                printEquity(db, false);
            }
            out.flush();
        } catch (SQLException e) {
            reportFailure(e);
        } catch (RuntimeException e) {
            reportFailure(e); // keep polling: a scheduled task that throws is never run again
        }
    }

    private void printSignals(Connection db) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("""
                select seq, bar_time, type, symbol, strategy, price from monitor.signals where seq > ? order by seq""")) {
            statement.setLong(1, signalSeq);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    signalSeq = row.getLong(1);
                    out.printf("%s  signal    %-4s %s by %s at %s%n", time(row, 2), row.getString(3), row.getString(4),
                            row.getString(5), plain(row.getBigDecimal(6)));
                }
            }
        }
    }

    private void printDecisions(Connection db) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("""
                select seq, decided_at, signal_type, symbol, accepted, reason, qty, notional from router.decisions
                where seq > ? order by seq""")) {
            statement.setLong(1, decisionSeq);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    decisionSeq = row.getLong(1);
                    String size = row.getBigDecimal(7) != null ? "qty " + plain(row.getBigDecimal(7))
                            : row.getBigDecimal(8) != null ? "notional " + money(row.getBigDecimal(8)) : "";
                    out.printf("%s  decision  %-4s %s %s%s%n", time(row, 2), row.getString(3), row.getString(4),
                            row.getBoolean(5) ? "accepted, order " : "rejected: ",
                            row.getBoolean(5) ? size : row.getString(6));
                }
            }
        }
    }

    private void printFills(Connection db) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement("""
                select filled_at, id, side, qty, symbol, price, fee from orders.fills
                where (filled_at, id) > (?, ?) order by filled_at, id""")) {
            statement.setObject(1, OffsetDateTime.ofInstant(fillTime, ZoneOffset.UTC));
            statement.setString(2, fillId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    fillTime = instant(row, 1);
                    fillId = row.getString(2);
                    out.printf("%s  fill      %-4s %s %s at %s, fee %s%n", time(row, 1), row.getString(3),
                            plain(row.getBigDecimal(4)), row.getString(5), plain(row.getBigDecimal(6)), money(row.getBigDecimal(7)));
                }
            }
        }
    }

    private void printTrades(Connection db) throws SQLException {
        boolean closed = false;
        try (PreparedStatement statement = db.prepareStatement("""
                select seq, exit_time, direction, symbol, entry_price, exit_price, pnl from portfolio.paper_trades
                where seq > ? and account_id = ? order by seq""")) {
            statement.setLong(1, tradeSeq);
            statement.setString(2, accountId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    tradeSeq = row.getLong(1);
                    closed = true;
                    out.printf("%s  trade     %s %s closed: %s -> %s, P&L %s%n", time(row, 2), row.getString(3),
                            row.getString(4), plain(row.getBigDecimal(5)), plain(row.getBigDecimal(6)), money(row.getBigDecimal(7)));
                }
            }
        }
        if (closed) {
            printEquity(db, true);
        }
    }

    private void printEquity(Connection db, boolean always) throws SQLException {
        lastProgress = System.nanoTime();
        try (PreparedStatement statement = db.prepareStatement("""
                select as_of, equity, cash, (select count(*) from portfolio.paper_positions p where p.account_id = a.account_id)
                from portfolio.paper_portfolio a where account_id = ?""")) {
            statement.setString(1, accountId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || row.getObject(1) == null) {
                    return;
                }
                Instant asOf = instant(row, 1);
                if (!always && asOf.equals(reportedAsOf)) {
                    return;
                }
                reportedAsOf = asOf;
                out.printf("%s  account   %s: equity %s, cash %s, %d open position(s)%n", time(row, 1), accountId,
                        money(row.getBigDecimal(2)), money(row.getBigDecimal(3)), row.getLong(4));
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            if (connection != null) {
                closeQuietly(connection);
            }
            connection = database.connectAsSuperuser();
        }
        return connection;
    }

    private void reportFailure(Exception e) {
        if (!failureReported) { // once: a table missing for a service left out would repeat it every second
            out.println("(activity: cannot read the services' tables: " + e.getMessage() + ")");
            failureReported = true;
        }
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return Objects.requireNonNull(row.getObject(column, OffsetDateTime.class), "time").toInstant();
    }

    private static String time(ResultSet row, int column) throws SQLException {
        return EVENT_TIME.format(instant(row, column));
    }

    /** A price or quantity as stored, without trailing zeros. */
    static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    /** An amount of money to the cent. */
    static String money(BigDecimal value) {
        return value == null ? "-" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a broken connection is being replaced
        }
    }

    /** Stops printing. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            closeQuietly(connection);
        }
    }
}
