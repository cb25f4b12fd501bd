package dev.papertrader.router.repository;

import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.router.RouterState;
import dev.papertrader.core.router.RouterState.DecidedSignal;
import dev.papertrader.core.router.SignalRouter;
import dev.papertrader.service.rest.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code decisions} table: written in the router's transactions (with its state), read by the REST API, and read
 * back when the router is restored: its duplicate memory comes from these rows ({@link #remembered}).
 */
@ApplicationScoped
public class DecisionRepository {

    private static final String COLUMNS = """
            seq, id, signal_id, account_id, strategy, symbol, signal_type, accepted, rule, reason, order_id, qty, \
            notional, decided_at, bar_time, price, strength, manual""";

    /** A lower bound for bar times that PostgreSQL's timestamptz and every real bar satisfy. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private final Pool pool;

    public DecisionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts decisions, in order, inside the caller's transaction. A decision whose id is stored already (the same
     * signal id again: the router's {@code duplicate} rejection has the original decision's id) is not inserted: the
     * first decision about a signal is the one kept.
     */
    public Uni<Void> insert(SqlConnection connection, List<DecisionRow> decisions) {
        if (decisions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        insert into decisions (id, signal_id, account_id, strategy, symbol, signal_type, accepted, rule,
                            reason, order_id, qty, notional, decided_at, bar_time, price, strength, manual)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                        on conflict (id) do nothing""")
                .executeBatch(decisions.stream().map(d -> Tuple.from(new Object[] {d.id(), d.signalId(),
                        d.accountId(), d.strategy(), d.symbol(), d.signalType().name(), d.accepted(), d.rule(),
                        d.reason(), d.orderId(), d.qty(), d.notional(), utc(d.decidedAt()), utc(d.barTime()),
                        d.price(), d.strength(), d.manual()})).toList())
                .replaceWithVoid();
    }

    /**
     * The signals the router of {@code accountId} still remembers for its duplicate checks, in the order it decided
     * them: the stored decisions about signals (not manual orders) whose bar time is at or after
     * {@link SignalRouter#duplicateMemoryStart}(the newest bar time decided, {@code window}). With
     * {@link SignalRouter#compactState()} they restore the router exactly
     * ({@link SignalRouter#restore(dev.papertrader.core.router.RouterConfig, String, RouterState, List)}): each row is
     * the first decision about its signal id, as the router's memory holds it.
     *
     * @param client a pool or a transaction's connection
     * @param window the duplicate window of the router's configuration
     */
    public Uni<List<DecidedSignal>> remembered(SqlClient client, String accountId, Duration window) {
        return client.preparedQuery("select max(bar_time) as newest from decisions where account_id = $1 and not manual")
                .execute(Tuple.of(accountId))
                .chain(newest -> {
                    OffsetDateTime latest = newest.iterator().next().getOffsetDateTime("newest");
                    if (latest == null) {
                        return Uni.createFrom().item(List.<DecidedSignal>of());
                    }
                    Instant start = SignalRouter.duplicateMemoryStart(latest.toInstant(), window);
                    return client.preparedQuery("""
                                    select signal_id, symbol, signal_type, bar_time, strategy, accepted from decisions
                                    where account_id = $1 and not manual and bar_time >= $2
                                    order by seq""")
                            .execute(Tuple.of(accountId, utc(start.isBefore(EARLIEST) ? EARLIEST : start)))
                            .map(rows -> {
                                List<DecidedSignal> decided = new ArrayList<>(rows.size());
                                rows.forEach(row -> decided.add(new DecidedSignal(row.getString("signal_id"),
                                        row.getString("symbol"), SignalType.valueOf(row.getString("signal_type")),
                                        instant(row, "bar_time"), row.getString("strategy"),
                                        row.getBoolean("accepted"))));
                                return decided;
                            });
                });
    }

    /** The decision with this id, if any. */
    public Uni<Optional<DecisionRow>> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from decisions where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.<DecisionRow>empty()
                        : Optional.of(toRow(rows.iterator().next())));
    }

    /** The decisions matching {@code query}, newest first (by decision order), {@code limit} from {@code offset}. */
    public Uni<Page<DecisionRow>> search(DecisionQuery query, int limit, int offset) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        condition(conditions, arguments, "symbol", query.symbol());
        condition(conditions, arguments, "strategy", query.strategy());
        condition(conditions, arguments, "accepted", query.accepted());
        condition(conditions, arguments, "rule", query.rule());
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        Tuple filter = Tuple.from(arguments);
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(limit);
        paged.add(offset);
        String select = "select " + COLUMNS + " from decisions" + where + " order by seq desc limit $"
                + (arguments.size() + 1) + " offset $" + (arguments.size() + 2);
        Uni<List<DecisionRow>> items = pool.preparedQuery(select).execute(Tuple.from(paged)).map(rows -> {
            List<DecisionRow> list = new ArrayList<>();
            rows.forEach(row -> list.add(toRow(row)));
            return list;
        });
        Uni<Long> total = pool.preparedQuery("select count(*) as total from decisions" + where).execute(filter)
                .map(rows -> rows.iterator().next().getLong("total"));
        return Uni.combine().all().unis(items, total)
                .with((list, count) -> new Page<>(list, limit == 0 ? 0 : offset / limit, limit, count));
    }

    private static void condition(List<String> conditions, List<Object> arguments, String column, Object value) {
        if (value != null) {
            arguments.add(value);
            conditions.add(column + " = $" + arguments.size());
        }
    }

    private static DecisionRow toRow(Row row) {
        return new DecisionRow(row.getLong("seq"), row.getString("id"), row.getString("signal_id"),
                row.getString("account_id"), row.getString("strategy"), row.getString("symbol"),
                SignalType.valueOf(row.getString("signal_type")), row.getBoolean("accepted"), row.getString("rule"),
                row.getString("reason"), row.getString("order_id"), row.getBigDecimal("qty"),
                row.getBigDecimal("notional"), instant(row, "decided_at"), instant(row, "bar_time"),
                row.getBigDecimal("price"), row.getBigDecimal("strength"), row.getBoolean("manual"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
