package dev.papertrader.chaos;

import dev.papertrader.core.backtest.BacktestResult;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The trading state a run leaves behind, table by table, each row as one canonical line: columns joined by {@code |},
 * decimals without trailing zeros ({@code 1.50} and {@code 1.5} are one value), times as ISO instants. Two runs with
 * the same effects have equal states; wall-clock columns (received_at, updated_at of the outbox...) are not read.
 *
 * @param tables table name → its rows in a deterministic order
 */
record FinalState(Map<String, List<String>> tables) {

    /** The tables compared with the no-fault run, and the query of each (ordered by content, not by arrival). */
    static final Map<String, String> QUERIES;

    static {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("signals", "select id, strategy, symbol, type, bar_time, price from monitor.signals order by bar_time, id");
        queries.put("decisions", """
                select id, signal_id, account_id, symbol, signal_type, accepted, rule, reason, order_id, qty, notional,
                decided_at from router.decisions order by decided_at, id""");
        queries.put("orders", """
                select id, signal_id, account_id, symbol, side, type, qty, notional, limit_price, stop_price,
                time_in_force, created_at, status, filled_qty, avg_fill_price, fees, reason, updated_at
                from orders.orders where symbol not like '%s%%'
                order by created_at, id""".formatted(PoisonInjector.UNKNOWN_SYMBOL_PREFIX));
        queries.put("fills", "select id, order_id, symbol, side, qty, price, fee, filled_at from orders.fills order by filled_at, id");
        queries.put("booked fills", """
                select fill_id, order_id, account_id, symbol, side, qty, price, fee, filled_at, slice_time
                from portfolio.booked_fills order by filled_at, fill_id""");
        queries.put("trades", """
                select account_id, symbol, direction, qty, entry_time, entry_price, exit_time, exit_price, pnl, fees,
                exit_fill_id from portfolio.paper_trades order by exit_time, exit_fill_id, symbol""");
        queries.put("positions", """
                select account_id, symbol, qty, avg_cost, market_price, market_value, unrealized_pnl, realized_pnl,
                entry_time, as_of from portfolio.paper_positions order by account_id, symbol""");
        queries.put("cash and equity", """
                select account_id, starting_cash, cash, equity, realized_pnl, peak_equity, day_start_equity,
                gross_exposure, as_of from portfolio.paper_portfolio order by account_id""");
        queries.put("equity curve", """
                select account_id, time, equity, cash, gross_exposure from portfolio.equity_curve order by account_id, time""");
        QUERIES = Map.copyOf(queries);
        ORDER = List.copyOf(queries.keySet());
    }

    private static final List<String> ORDER;

    static FinalState read(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : ORDER) {
            tables.put(table, rows(connection, QUERIES.get(table)));
        }
        return new FinalState(tables);
    }

    /**
     * What the in-process backtest says the tables it also produces must hold, in this class's row format: fills,
     * trades (closing fill ids are not in a round trip, so the trial's are compared without them), the equity curve
     * of {@code account} and the order fields the backtest knows.
     */
    static Map<String, List<String>> expectedFrom(BacktestResult backtest, String account) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("orders", backtest.orders().stream()
                .sorted(Comparator.comparing(Order::createdAt).thenComparing(Order::id))
                .map(order -> line(order.id(), order.signalId(), order.accountId(), order.symbol(), order.side(),
                        order.type(), order.qty(), order.notional(), order.limitPrice(), order.stopPrice(),
                        order.timeInForce(), order.createdAt()))
                .toList());
        expected.put("fills", backtest.fills().stream()
                .sorted(Comparator.comparing(Fill::filledAt).thenComparing(Fill::id))
                .map(fill -> line(fill.id(), fill.orderId(), fill.symbol(), fill.side(), fill.qty(), fill.price(),
                        fill.fee(), fill.filledAt()))
                .toList());
        expected.put("trades", backtest.trades().stream()
                .sorted(Comparator.comparing(trip -> trip.exitTime()))
                .map(trip -> line(trip.accountId(), trip.symbol(), trip.direction(), trip.qty(), trip.entryTime(),
                        trip.entryPrice(), trip.exitTime(), trip.exitPrice(), trip.pnl(), trip.fees()))
                .toList());
        expected.put("equity curve", backtest.equityCurve().stream()
                .map(point -> line(account, point.time(), point.equity(), point.cash(), point.grossExposure()))
                .toList());
        return expected;
    }

    /** This state's tables in the backtest's shape (see {@link #expectedFrom}): the columns both have. */
    Map<String, List<String>> comparableWithBacktest() {
        Map<String, List<String>> comparable = new LinkedHashMap<>();
        comparable.put("orders", tables.get("orders").stream().map(row -> firstColumns(row, 12)).toList());
        comparable.put("fills", tables.get("fills"));
        // the backtest's trades have no closing fill id; orders by exit time like the rows above
        comparable.put("trades", tables.get("trades").stream().map(row -> firstColumns(row, 10)).toList());
        comparable.put("equity curve", tables.get("equity curve"));
        return comparable;
    }

    /** Per table, a short description of how {@code actual} differs from {@code expected}; empty when equal. */
    static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, List<String>> table : expected.entrySet()) {
            List<String> want = table.getValue();
            List<String> got = actual.getOrDefault(table.getKey(), List.of());
            if (!want.equals(got)) {
                List<String> missing = minus(want, got);
                List<String> extra = minus(got, want);
                differences.add(table.getKey() + ": " + want.size() + " rows expected, " + got.size() + " found; missing "
                        + missing.size() + (missing.isEmpty() ? "" : " e.g. [" + missing.getFirst() + "]") + ", extra "
                        + extra.size() + (extra.isEmpty() ? "" : " e.g. [" + extra.getFirst() + "]")
                        + (missing.isEmpty() && extra.isEmpty() ? " (same rows, other order)" : ""));
            }
        }
        return differences;
    }

    /**
     * Fills that the reference has and this state does not, in the exchange's {@code fills} or the portfolio's
     * {@code booked fills} (a fill made but never booked is lost too).
     */
    int lostFills(Set<String> expectedFillIds) {
        Set<String> made = firstColumnSet("fills");
        Set<String> booked = firstColumnSet("booked fills");
        int lost = 0;
        for (String id : expectedFillIds) {
            if (!made.contains(id) || !booked.contains(id)) {
                lost++;
            }
        }
        return lost;
    }

    /**
     * Fills booked more than once: rows beyond the first with the same id, or with the same order, time, quantity
     * and price under another id, in the exchange's fills and in the portfolio's booked fills.
     */
    int duplicateFills() {
        return duplicates(tables.get("fills"), row -> key(row, 0), row -> key(row, 1, 4, 5, 7))
                + duplicates(tables.get("booked fills"), row -> key(row, 0), row -> key(row, 1, 5, 6, 8));
    }

    Set<String> firstColumnSet(String table) {
        return tables.get(table).stream().map(row -> row.split("\\|", -1)[0]).collect(Collectors.toSet());
    }

    private static int duplicates(List<String> rows, java.util.function.Function<String, String> id,
                                  java.util.function.Function<String, String> content) {
        Set<String> ids = new HashSet<>();
        Set<String> contents = new HashSet<>();
        int duplicates = 0;
        for (String row : rows) {
            boolean newId = ids.add(id.apply(row));
            boolean newContent = contents.add(content.apply(row));
            if (!newId || !newContent) {
                duplicates++;
            }
        }
        return duplicates;
    }

    private static String key(String row, int... columns) {
        String[] values = row.split("\\|", -1);
        return java.util.Arrays.stream(columns).mapToObj(column -> values[column]).collect(Collectors.joining("|"));
    }

    private static String firstColumns(String row, int count) {
        return Stream.of(row.split("\\|", -1)).limit(count).collect(Collectors.joining("|"));
    }

    /** Multiset difference: the rows of {@code a} not matched by a row of {@code b}. */
    static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> counts = new HashMap<>();
        b.forEach(row -> counts.merge(row, 1, Integer::sum));
        List<String> rest = new ArrayList<>();
        for (String row : a) {
            Integer left = counts.get(row);
            if (left == null || left == 0) {
                rest.add(row);
            } else {
                counts.put(row, left - 1);
            }
        }
        return rest;
    }

    /** One canonical row: values joined by {@code |}; see the class comment. */
    static String line(Object... values) {
        return Stream.of(values).map(FinalState::canonical).collect(Collectors.joining("|"));
    }

    static String canonical(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        return Objects.toString(value);
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                Object[] values = new Object[meta.getColumnCount()];
                for (int column = 1; column <= values.length; column++) {
                    values[column - 1] = meta.getColumnTypeName(column).startsWith("timestamp")
                            ? rows.getObject(column, OffsetDateTime.class) : rows.getObject(column);
                }
                result.add(line(values));
            }
            return result;
        }
    }

    /** Instants print as ISO; used by tests building rows by hand. */
    static String instant(Instant instant) {
        return instant.toString();
    }
}
