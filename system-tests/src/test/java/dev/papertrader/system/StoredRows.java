package dev.papertrader.system;

import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the services stored, read as the superuser from each owner's schema, in forms comparable with the backtest's
 * results. Decimals are compared by value: {@link #number} strips trailing zeros, so {@code 1.50} equals {@code 1.5}.
 */
final class StoredRows {

    private StoredRows() {
    }

    /** A closed round trip: portfolio.paper_trades, or a backtest {@link RoundTrip}. */
    record Trade(String symbol, String direction, BigDecimal qty, Instant entryTime, BigDecimal entryPrice,
                 Instant exitTime, BigDecimal exitPrice, BigDecimal pnl, BigDecimal fees) {

        static Trade of(RoundTrip trip) {
            return new Trade(trip.symbol(), trip.direction().name(), number(trip.qty()), trip.entryTime(),
                    number(trip.entryPrice()), trip.exitTime(), number(trip.exitPrice()), number(trip.pnl()),
                    number(trip.fees()));
        }
    }

    /** One point of the equity curve: portfolio.equity_curve, or a backtest {@link EquityPoint}. */
    record Equity(Instant time, BigDecimal equity, BigDecimal cash, BigDecimal grossExposure) {

        static Equity of(EquityPoint point) {
            return new Equity(point.time(), number(point.equity()), number(point.cash()), number(point.grossExposure()));
        }
    }

    /** A signal as monitor.signals keeps it. */
    record StoredSignal(String id, String strategy, String symbol, String type, Instant barTime, BigDecimal price) {

        static StoredSignal of(Signal signal) {
            return new StoredSignal(signal.id(), signal.strategy(), signal.symbol(), signal.type().name(), signal.barTime(),
                    number(signal.price()));
        }
    }

    /** An order as orders.orders keeps it. */
    record StoredOrder(String id, String signalId, String symbol, String side, String type, BigDecimal qty,
                       BigDecimal notional) {

        static StoredOrder of(Order order) {
            return new StoredOrder(order.id(), order.signalId(), order.symbol(), order.side().name(), order.type().name(),
                    nullableNumber(order.qty()), nullableNumber(order.notional()));
        }
    }

    /** A fill as orders.fills keeps it. */
    record StoredFill(String id, String orderId, String symbol, String side, BigDecimal qty, BigDecimal price,
                      BigDecimal fee, Instant filledAt) {

        static StoredFill of(Fill fill) {
            return new StoredFill(fill.id(), fill.orderId(), fill.symbol(), fill.side().name(), number(fill.qty()),
                    number(fill.price()), number(fill.fee()), fill.filledAt());
        }
    }

    static List<Trade> trades(Connection connection, String accountId) throws SQLException {
        return list(connection, """
                        select symbol, direction, qty, entry_time, entry_price, exit_time, exit_price, pnl, fees
                        from portfolio.paper_trades where account_id = ? order by seq""",
                accountId, row -> new Trade(row.getString(1), row.getString(2), number(row.getBigDecimal(3)), instant(row, 4),
                        number(row.getBigDecimal(5)), instant(row, 6), number(row.getBigDecimal(7)),
                        number(row.getBigDecimal(8)), number(row.getBigDecimal(9))));
    }

    static List<Equity> equityCurve(Connection connection, String accountId) throws SQLException {
        return list(connection, """
                        select time, equity, cash, gross_exposure from portfolio.equity_curve
                        where account_id = ? order by time""",
                accountId, row -> new Equity(instant(row, 1), number(row.getBigDecimal(2)), number(row.getBigDecimal(3)),
                        number(row.getBigDecimal(4))));
    }

    static List<StoredSignal> signals(Connection connection) throws SQLException {
        return list(connection, "select id, strategy, symbol, type, bar_time, price from monitor.signals order by seq",
                null, row -> new StoredSignal(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        instant(row, 5), number(row.getBigDecimal(6))));
    }

    /** Orders by creation time (event time), then id. */
    static List<StoredOrder> orders(Connection connection) throws SQLException {
        return list(connection, """
                        select id, signal_id, symbol, side, type, qty, notional from orders.orders
                        order by created_at, id""",
                null, row -> new StoredOrder(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), nullableNumber(row.getBigDecimal(6)), nullableNumber(row.getBigDecimal(7))));
    }

    /** Fills by fill time (event time), then id. */
    static List<StoredFill> fills(Connection connection) throws SQLException {
        return list(connection, """
                        select id, order_id, symbol, side, qty, price, fee, filled_at from orders.fills
                        order by filled_at, id""",
                null, row -> new StoredFill(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        number(row.getBigDecimal(5)), number(row.getBigDecimal(6)), number(row.getBigDecimal(7)),
                        instant(row, 8)));
    }

    /** The value without trailing zeros, so that equal values are equal records. */
    static BigDecimal number(BigDecimal value) {
        if (value == null) {
            throw new IllegalStateException("a required decimal is null");
        }
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    static BigDecimal nullableNumber(BigDecimal value) {
        return value == null ? null : number(value);
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** Runs a query with at most one string parameter and maps every row. */
    static <T> List<T> list(Connection connection, String sql, String parameter, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    /** A count or other single number. */
    static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
