package dev.papertrader.portfolio.repository;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.Position;
import dev.papertrader.core.portfolio.RoundTrip;
import dev.papertrader.portfolio.engine.SliceResult;
import dev.papertrader.portfolio.engine.SliceResult.AccountUpdate;
import dev.papertrader.portfolio.engine.SliceResult.Booking;
import dev.papertrader.portfolio.rest.AccountSummary;
import dev.papertrader.portfolio.rest.PositionResponse;
import dev.papertrader.portfolio.rest.TradeResponse;
import dev.papertrader.service.rest.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables of the portfolio schema ({@code paper_portfolio}, {@code paper_positions}, {@code paper_trades},
 * {@code equity_curve}, {@code booked_fills}): written inside the service's transactions, read by the REST
 * resources (each read sees committed data only).
 */
@ApplicationScoped
public class PortfolioRepository {

    private static final String ACCOUNT_COLUMNS = """
            account_id, starting_cash, cash, equity, realized_pnl, peak_equity, day_start_equity, gross_exposure, as_of""";
    private static final String TRADE_COLUMNS = """
            seq, account_id, symbol, direction, qty, entry_time, entry_price, exit_time, exit_price, pnl, fees,
            exit_fill_id""";
    private static final String ACCOUNT_UPDATES = """
            starting_cash = $2, cash = $3, equity = $4, realized_pnl = $5, peak_equity = $6, day_start_equity = $7,
            gross_exposure = $8, as_of = $9, snapshot = $10""";

    private final Pool pool;

    public PortfolioRepository(Pool pool) {
        this.pool = pool;
    }

    // --- writes, inside a transaction ---------------------------------------------------------------------------

    /**
     * Stores what a slice did: the fills booked and the round trips they closed (in booking order), then for every
     * account its row, its touched positions (open ones upserted, flat ones deleted) and its equity point.
     */
    public Uni<Void> saveSlice(SqlConnection connection, SliceResult slice) {
        List<Tuple> fills = new ArrayList<>();
        List<Tuple> trades = new ArrayList<>();
        for (Booking booking : slice.bookings()) {
            Fill f = booking.fill();
            fills.add(tuple(f.id(), f.orderId(), f.accountId(), f.symbol(), f.side().name(), numeric(f.qty()),
                    numeric(f.price()), numeric(f.fee()), time(f.filledAt()), time(slice.time())));
            for (RoundTrip t : booking.closed()) {
                trades.add(tuple(t.accountId(), t.symbol(), t.direction().name(), numeric(t.qty()), time(t.entryTime()),
                        numeric(t.entryPrice()), time(t.exitTime()), numeric(t.exitPrice()), numeric(t.pnl()),
                        numeric(t.fees()), f.id()));
            }
        }
        List<Tuple> accounts = new ArrayList<>();
        List<Tuple> positions = new ArrayList<>();
        List<Tuple> flat = new ArrayList<>();
        List<Tuple> points = new ArrayList<>();
        for (AccountUpdate update : slice.accounts()) {
            accounts.add(accountTuple(update));
            for (Position p : update.openPositions()) {
                positions.add(tuple(update.accountId(), p.symbol(), numeric(p.qty()), numeric(p.avgCost()),
                        numeric(p.marketPrice()), numeric(p.marketValue()), numeric(p.unrealizedPnl()),
                        numeric(p.realizedPnl()), time(p.openTrade().entryTime()), time(slice.time())));
            }
            update.flatSymbols().forEach(symbol -> flat.add(Tuple.of(update.accountId(), symbol)));
            EquityPoint point = update.equityPoint();
            if (point != null) {
                points.add(tuple(update.accountId(), time(point.time()), numeric(point.equity()), numeric(point.cash()),
                        numeric(point.grossExposure())));
            }
        }
        return batch(connection, """
                insert into booked_fills (fill_id, order_id, account_id, symbol, side, qty, price, fee, filled_at,
                    slice_time) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""", fills)
                .chain(() -> batch(connection, "insert into paper_trades (" + TRADE_COLUMNS.replace("seq, ", "")
                        + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", trades))
                .chain(() -> batch(connection, "update paper_portfolio set " + ACCOUNT_UPDATES
                        + " where account_id = $1", accounts))
                .chain(() -> batch(connection, """
                        insert into paper_positions (account_id, symbol, qty, avg_cost, market_price, market_value,
                            unrealized_pnl, realized_pnl, entry_time, as_of)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        on conflict (account_id, symbol) do update set qty = excluded.qty, avg_cost = excluded.avg_cost,
                            market_price = excluded.market_price, market_value = excluded.market_value,
                            unrealized_pnl = excluded.unrealized_pnl, realized_pnl = excluded.realized_pnl,
                            entry_time = excluded.entry_time, as_of = excluded.as_of""", positions))
                .chain(() -> batch(connection, "delete from paper_positions where account_id = $1 and symbol = $2", flat))
                .chain(() -> batch(connection, """
                        insert into equity_curve (account_id, time, equity, cash, gross_exposure)
                        values ($1, $2, $3, $4, $5)
                        on conflict (account_id, time) do update set equity = excluded.equity, cash = excluded.cash,
                            gross_exposure = excluded.gross_exposure""", points));
    }

    /**
     * Records messages of {@code consumer} as processed (inbox rows), for a transaction that consumes messages of
     * a second queue beside the ones it commits through {@code TransactionalMessaging.commit}.
     */
    public Uni<Void> recordConsumed(SqlConnection connection, String consumer, List<String> messageIds) {
        return batch(connection, "insert into inbox (consumer, message_id) values ($1, $2)",
                messageIds.stream().map(id -> Tuple.of(consumer, id)).toList());
    }

    /** Inserts the row of a newly opened account. */
    public Uni<Void> insertAccount(SqlConnection connection, AccountUpdate account) {
        return connection.preparedQuery("insert into paper_portfolio (" + ACCOUNT_COLUMNS + ", snapshot)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(accountTuple(account)).replaceWithVoid();
    }

    /** Replaces a reset account's row and forgets its positions, trades, equity curve and booked fills. */
    public Uni<Void> resetAccount(SqlConnection connection, AccountUpdate account) {
        Tuple id = Tuple.of(account.accountId());
        return connection.preparedQuery("delete from paper_positions where account_id = $1").execute(id)
                .chain(() -> connection.preparedQuery("delete from paper_trades where account_id = $1").execute(id))
                .chain(() -> connection.preparedQuery("delete from equity_curve where account_id = $1").execute(id))
                .chain(() -> connection.preparedQuery("delete from booked_fills where account_id = $1").execute(id))
                .chain(() -> connection.preparedQuery("update paper_portfolio set " + ACCOUNT_UPDATES
                        + " where account_id = $1").execute(accountTuple(account)))
                .replaceWithVoid();
    }

    private static Tuple accountTuple(AccountUpdate update) {
        PortfolioSnapshot s = update.snapshot();
        return tuple(update.accountId(), numeric(update.startingCash()), numeric(s.cash()), numeric(s.equity()),
                numeric(update.realizedPnl()), numeric(s.peakEquity()), numeric(s.dayStartEquity()),
                numeric(update.grossExposure()), time(s.asOf()), JsonCodec.encode(s));
    }

    // --- reads ------------------------------------------------------------------------------------------------

    /** Every account, sorted by id. */
    public Uni<List<AccountSummary>> accounts() {
        return pool.query("select " + ACCOUNT_COLUMNS + " from paper_portfolio order by account_id").execute()
                .map(rows -> {
                    List<AccountSummary> list = new ArrayList<>();
                    rows.forEach(row -> list.add(summary(row)));
                    return list;
                });
    }

    /** An account's figures, if it exists. */
    public Uni<Optional<AccountSummary>> account(String accountId) {
        return pool.preparedQuery("select " + ACCOUNT_COLUMNS + " from paper_portfolio where account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(summary(rows.iterator().next())));
    }

    /** The latest snapshot of an account (the one last published, or the one of its opening or reset). */
    public Uni<Optional<PortfolioSnapshot>> snapshot(String accountId) {
        return pool.preparedQuery("select snapshot from paper_portfolio where account_id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(JsonCodec.decode(rows.iterator().next().getString("snapshot"),
                                PortfolioSnapshot.class)));
    }

    /** An account's open positions, sorted by symbol. */
    public Uni<List<PositionResponse>> positions(String accountId) {
        return pool.preparedQuery("""
                        select symbol, qty, avg_cost, market_price, market_value, unrealized_pnl, realized_pnl, entry_time,
                            as_of from paper_positions where account_id = $1 order by symbol""")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    List<PositionResponse> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new PositionResponse(row.getString("symbol"), decimal(row, "qty"),
                            decimal(row, "avg_cost"), decimal(row, "market_price"), decimal(row, "market_value"),
                            decimal(row, "unrealized_pnl"), decimal(row, "realized_pnl"), instant(row, "entry_time"),
                            instant(row, "as_of"))));
                    return list;
                });
    }

    /** A page of an account's closed trades, in the order they closed. */
    public Uni<Page<TradeResponse>> trades(String accountId, int page, int size) {
        return page(pool, "select " + TRADE_COLUMNS + " from paper_trades where account_id = $1 order by seq"
                        + " limit $2 offset $3", "select count(*) as total from paper_trades where account_id = $1",
                List.of(accountId), page, size, PortfolioRepository::trade);
    }

    /** A page of an account's equity points with {@code from <= time <= to} (either bound may be null), in time order. */
    public Uni<Page<EquityPoint>> equity(String accountId, Instant from, Instant to, int page, int size) {
        String where = " where account_id = $1 and ($2::timestamptz is null or time >= $2)"
                + " and ($3::timestamptz is null or time <= $3)";
        return page(pool, "select time, equity, cash, gross_exposure from equity_curve" + where
                        + " order by time limit $4 offset $5", "select count(*) as total from equity_curve" + where,
                Arrays.asList(accountId, time(from), time(to)), page, size, PortfolioRepository::point);
    }

    /** What the performance of an account is computed from, read in one consistent snapshot of the database. */
    public record PerformanceInputs(BigDecimal startingCash, List<EquityPoint> curve, List<RoundTrip> trades) {
    }

    /** An account's starting cash, whole equity curve (time order) and closed trades (closing order), if it exists. */
    public Uni<Optional<PerformanceInputs>> performanceInputs(String accountId) {
        Tuple id = Tuple.of(accountId);
        return pool.withTransaction(connection -> connection
                .query("set transaction isolation level repeatable read, read only").execute()
                .chain(() -> connection.preparedQuery("select starting_cash from paper_portfolio where account_id = $1")
                        .execute(id))
                .chain(account -> {
                    if (account.size() == 0) {
                        return Uni.createFrom().item(Optional.<PerformanceInputs>empty());
                    }
                    BigDecimal startingCash = decimal(account.iterator().next(), "starting_cash");
                    Uni<List<EquityPoint>> curve = connection.preparedQuery(
                                    "select time, equity, cash, gross_exposure from equity_curve where account_id = $1"
                                            + " order by time").execute(id)
                            .map(rows -> mapAll(rows, PortfolioRepository::point));
                    return curve.chain(points -> connection.preparedQuery("select " + TRADE_COLUMNS
                                    + " from paper_trades where account_id = $1 order by seq").execute(id)
                            .map(rows -> Optional.of(new PerformanceInputs(startingCash, points,
                                    mapAll(rows, row -> trade(row).toRoundTrip())))));
                }));
    }

    private static <T> List<T> mapAll(Iterable<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>();
        rows.forEach(row -> list.add(mapper.apply(row)));
        return list;
    }

    private static AccountSummary summary(Row row) {
        return new AccountSummary(row.getString("account_id"), decimal(row, "starting_cash"), decimal(row, "cash"),
                decimal(row, "equity"), decimal(row, "realized_pnl"), decimal(row, "peak_equity"),
                decimal(row, "day_start_equity"), decimal(row, "gross_exposure"), instant(row, "as_of"));
    }

    private static TradeResponse trade(Row row) {
        return new TradeResponse(row.getLong("seq"), row.getString("account_id"), row.getString("symbol"),
                RoundTrip.Direction.valueOf(row.getString("direction")), decimal(row, "qty"), instant(row, "entry_time"),
                decimal(row, "entry_price"), instant(row, "exit_time"), decimal(row, "exit_price"), decimal(row, "pnl"),
                decimal(row, "fees"), row.getString("exit_fill_id"));
    }

    private static EquityPoint point(Row row) {
        return new EquityPoint(instant(row, "time"), decimal(row, "equity"), decimal(row, "cash"),
                decimal(row, "gross_exposure"));
    }

    private static <T> Uni<Page<T>> page(SqlClient client, String select, String count, List<Object> filters,
            int page, int size, Function<Row, T> mapper) {
        List<Object> paged = new ArrayList<>(filters);
        paged.add(size);
        paged.add((long) page * size);
        Uni<List<T>> items = client.preparedQuery(select).execute(Tuple.tuple(paged)).map(rows -> {
            List<T> list = new ArrayList<>();
            rows.forEach(row -> list.add(mapper.apply(row)));
            return list;
        });
        Uni<Long> total = client.preparedQuery(count).execute(Tuple.tuple(filters))
                .map(rows -> rows.iterator().next().getLong("total"));
        return Uni.combine().all().unis(items, total).with((list, all) -> new Page<>(list, page, size, all));
    }

    private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> tuples) {
        return tuples.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(sql).executeBatch(tuples).replaceWithVoid();
    }

    private static Tuple tuple(Object... values) {
        return Tuple.tuple(Arrays.asList(values));
    }

    private static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static BigDecimal decimal(Row row, String column) {
        return row.getBigDecimal(column);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
