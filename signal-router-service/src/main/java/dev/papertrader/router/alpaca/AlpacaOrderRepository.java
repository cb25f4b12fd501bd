package dev.papertrader.router.alpaca;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code alpaca_orders} table. */
@ApplicationScoped
public class AlpacaOrderRepository {

    private static final String COLUMNS = """
            id, account_id, client_order_id, symbol, side, order_type, time_in_force, order_class, qty, notional, \
            limit_price, stop_price, trail_price, trail_percent, parent_id, oco_group, status, filled_qty, \
            filled_avg_price, last_fill_qty, last_fill_price, created_at, updated_at, filled_at, canceled_at, \
            expired_at, failed_at, replaced_at, replaced_by, replaces""";

    private final Pool pool;

    public AlpacaOrderRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts new orders inside the caller's transaction. */
    public Uni<Void> insert(SqlConnection connection, List<AlpacaOrderRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into alpaca_orders (" + COLUMNS + ") values ($1, $2, $3, $4, $5, "
                        + "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, "
                        + "$25, $26, $27, $28, $29, $30)")
                .executeBatch(rows.stream().map(r -> Tuple.from(new Object[] {r.id(), r.accountId(),
                        r.clientOrderId(), r.symbol(), r.side(), r.orderType(), r.timeInForce(), r.orderClass(),
                        r.qty(), r.notional(), r.limitPrice(), r.stopPrice(), r.trailPrice(), r.trailPercent(),
                        r.parentId(), r.ocoGroup(), r.status(), r.filledQty(), r.filledAvgPrice(), r.lastFillQty(),
                        r.lastFillPrice(), utc(r.createdAt()), utc(r.updatedAt()), utc(r.filledAt()),
                        utc(r.canceledAt()), utc(r.expiredAt()), utc(r.failedAt()), utc(r.replacedAt()),
                        r.replacedBy(), r.replaces()})).toList())
                .replaceWithVoid();
    }

    /** The order {@code id} of {@code accountId}. */
    public Uni<Optional<AlpacaOrderRow>> find(SqlClient client, String accountId, String id) {
        return one(client, "where account_id = $1 and id = $2", Tuple.of(accountId, id));
    }

    public Uni<Optional<AlpacaOrderRow>> find(String accountId, String id) {
        return find(pool, accountId, id);
    }

    /** The order of {@code accountId} with this client order id. */
    public Uni<Optional<AlpacaOrderRow>> findByClientOrderId(String accountId, String clientOrderId) {
        return one(pool, "where account_id = $1 and client_order_id = $2", Tuple.of(accountId, clientOrderId));
    }

    /** The order with this id, of any account (for events, which name their account). */
    public Uni<Optional<AlpacaOrderRow>> findForUpdate(SqlConnection connection, String id) {
        return one(connection, "where id = $1 for update", Tuple.of(id));
    }

    /** The legs (or OCO partner) listed under {@code parentId}, in creation order. */
    public Uni<List<AlpacaOrderRow>> legs(String parentId) {
        return many(pool, "where parent_id = $1 order by seq", Tuple.of(parentId));
    }

    /**
     * The orders of {@code accountId} matching the filters, by creation (seq), newest first unless {@code ascending},
     * at most {@code limit}.
     *
     * @param statuses   the statuses wanted, all when null
     * @param symbols    the symbols wanted, all when empty
     * @param topLevel   only orders that are no one's leg
     * @param after      only orders created after this event time, when not null
     * @param until      only orders created before this event time, when not null
     */
    public Uni<List<AlpacaOrderRow>> list(String accountId, List<String> statuses, List<String> symbols,
            boolean topLevel, Instant after, Instant until, boolean ascending, int limit) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(accountId);
        StringBuilder where = new StringBuilder("where account_id = $1");
        if (statuses != null) {
            parameters.add(statuses.toArray(String[]::new));
            where.append(" and status = any($").append(parameters.size()).append(")");
        }
        if (!symbols.isEmpty()) {
            parameters.add(symbols.toArray(String[]::new));
            where.append(" and symbol = any($").append(parameters.size()).append(")");
        }
        if (topLevel) {
            where.append(" and parent_id is null");
        }
        if (after != null) {
            parameters.add(utc(after));
            where.append(" and created_at > $").append(parameters.size());
        }
        if (until != null) {
            parameters.add(utc(until));
            where.append(" and created_at < $").append(parameters.size());
        }
        parameters.add(limit);
        where.append(" order by seq ").append(ascending ? "asc" : "desc").append(" limit $").append(parameters.size());
        return many(pool, where.toString(), Tuple.from(parameters));
    }

    /** Sets an API-side status ({@code pending_cancel}, {@code pending_replace}) unless the order is final. */
    public Uni<Void> markPending(SqlConnection connection, String id, String status, Instant time, String replacedBy) {
        return connection.preparedQuery("""
                        update alpaca_orders set status = $2, updated_at = $3, replaced_by = coalesce($4, replaced_by)
                        where id = $1 and status not in ('filled', 'canceled', 'expired', 'rejected', 'replaced')""")
                .execute(Tuple.of(id, status, utc(time), replacedBy)).replaceWithVoid();
    }

    /** Records the latest fill of an order. */
    public Uni<Void> recordFill(SqlConnection connection, String id, BigDecimal qty, BigDecimal price) {
        return connection.preparedQuery("update alpaca_orders set last_fill_qty = $2, last_fill_price = $3 where id = $1")
                .execute(Tuple.of(id, qty, price)).replaceWithVoid();
    }

    /**
     * Applies an order service status: status, filled quantity and average price, the timestamp of that status and
     * {@code updated_at}; returns the row as updated, empty for an order not placed through the API.
     */
    public Uni<Optional<AlpacaOrderRow>> applyStatus(SqlConnection connection, String id, String status,
            BigDecimal filledQty, BigDecimal avgPrice, Instant time) {
        String stamp = switch (status) {
            case "filled" -> ", filled_at = $6";
            case "canceled" -> ", canceled_at = $6";
            case "expired" -> ", expired_at = $6";
            case "rejected" -> ", failed_at = $6";
            case "replaced" -> ", replaced_at = $6";
            default -> "";
        };
        String sql = "update alpaca_orders set status = $2, filled_qty = coalesce($3, filled_qty), "
                + "filled_avg_price = coalesce($4, filled_avg_price), updated_at = $5" + stamp + " where id = $1 returning "
                + COLUMNS;
        Tuple tuple = Tuple.of(id, status, filledQty, avgPrice, utc(time));
        if (!stamp.isEmpty()) {
            tuple.addValue(utc(time));
        }
        return connection.preparedQuery(sql).execute(tuple)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next())));
    }

    private Uni<Optional<AlpacaOrderRow>> one(SqlClient client, String where, Tuple tuple) {
        return many(client, where, tuple).map(rows -> rows.stream().findFirst());
    }

    private Uni<List<AlpacaOrderRow>> many(SqlClient client, String where, Tuple tuple) {
        return client.preparedQuery("select " + COLUMNS + " from alpaca_orders " + where).execute(tuple)
                .map(rows -> {
                    List<AlpacaOrderRow> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toRow(row)));
                    return list;
                });
    }

    private static AlpacaOrderRow toRow(Row r) {
        return new AlpacaOrderRow(r.getString("id"), r.getString("account_id"), r.getString("client_order_id"),
                r.getString("symbol"), r.getString("side"), r.getString("order_type"), r.getString("time_in_force"),
                r.getString("order_class"), r.getBigDecimal("qty"), r.getBigDecimal("notional"),
                r.getBigDecimal("limit_price"), r.getBigDecimal("stop_price"), r.getBigDecimal("trail_price"),
                r.getBigDecimal("trail_percent"), r.getString("parent_id"), r.getString("oco_group"),
                r.getString("status"), r.getBigDecimal("filled_qty"), r.getBigDecimal("filled_avg_price"),
                r.getBigDecimal("last_fill_qty"), r.getBigDecimal("last_fill_price"), instant(r, "created_at"),
                instant(r, "updated_at"), instant(r, "filled_at"), instant(r, "canceled_at"), instant(r, "expired_at"),
                instant(r, "failed_at"), instant(r, "replaced_at"), r.getString("replaced_by"),
                r.getString("replaces"));
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
