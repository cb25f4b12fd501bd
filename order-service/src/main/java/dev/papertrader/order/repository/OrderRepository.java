package dev.papertrader.order.repository;

import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.order.rest.FillResponse;
import dev.papertrader.order.rest.OrderResponse;
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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code orders}, {@code fills} and {@code order_events} tables: written inside the service's processing
 * transactions, read by the REST resources.
 */
@ApplicationScoped
public class OrderRepository {

    private static final String ORDER_COLUMNS = """
            id, signal_id, account_id, symbol, side, type, qty, notional, limit_price, stop_price, time_in_force,
            created_at, source, status, filled_qty, avg_fill_price, fees, reason, updated_at, trail_price,
            trail_percent, parent_id, oco_group, replaces_order_id""";

    private final Pool pool;

    public OrderRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes the orders (inserted, or their status updated) and then their events: fills into {@code fills}, status
     * changes into {@code order_events}.
     */
    public Uni<Void> save(SqlConnection connection, Collection<OrderRow> orders, List<ExecutionEvent> events) {
        List<Tuple> orderTuples = orders.stream().map(OrderRepository::orderTuple).toList();
        List<Tuple> fills = new ArrayList<>();
        List<Tuple> statuses = new ArrayList<>();
        for (ExecutionEvent event : events) {
            switch (event) {
                case Fill f -> fills.add(tuple(f.id(), f.orderId(), f.accountId(), f.symbol(), f.side().name(),
                        numeric(f.qty()), numeric(f.price()), numeric(f.fee()), time(f.filledAt())));
                case OrderStatusEvent s -> statuses.add(tuple(s.id(), s.orderId(), s.status().name(),
                        numeric(s.filledQty()), numeric(s.avgFillPrice()), s.reason(), time(s.eventTime())));
            }
        }
        return batch(connection, "insert into orders (" + ORDER_COLUMNS + """
                ) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                    $21, $22, $23, $24)
                on conflict (id) do update set status = excluded.status, filled_qty = excluded.filled_qty,
                    avg_fill_price = excluded.avg_fill_price, fees = excluded.fees, reason = excluded.reason,
                    updated_at = excluded.updated_at""", orderTuples)
                .chain(() -> batch(connection, """
                        insert into fills (id, order_id, account_id, symbol, side, qty, price, fee, filled_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""", fills))
                .chain(() -> batch(connection, """
                        insert into order_events (id, order_id, status, filled_qty, avg_fill_price, reason, event_time)
                        values ($1, $2, $3, $4, $5, $6, $7)""", statuses));
    }

    /** The next number of a manual order id ({@code manual-<n>}). */
    public Uni<Long> nextManualOrderNumber() {
        return pool.query("select nextval('manual_order_seq') as n").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    public Uni<Optional<OrderResponse>> findOrder(String id) {
        return pool.preparedQuery("select " + ORDER_COLUMNS + " from orders where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(order(rows.iterator().next())));
    }

    /** Orders matching every given filter (null: any), newest first (by creation time, then id). */
    public Uni<Page<OrderResponse>> findOrders(String symbol, String status, String accountId, int page, int size) {
        String where = " where ($1::text is null or symbol = $1) and ($2::text is null or status = $2)"
                + " and ($3::text is null or account_id = $3)";
        return page(pool, "select " + ORDER_COLUMNS + " from orders" + where
                        + " order by created_at desc, id desc limit $4 offset $5",
                "select count(*) as total from orders" + where, Arrays.asList(symbol, status, accountId), page, size,
                OrderRepository::order);
    }

    /** Fills matching every given filter (null: any), newest first (by fill time, then id). */
    public Uni<Page<FillResponse>> findFills(String orderId, String accountId, String symbol, int page, int size) {
        String where = " where ($1::text is null or order_id = $1) and ($2::text is null or account_id = $2)"
                + " and ($3::text is null or symbol = $3)";
        return page(pool, "select id, order_id, account_id, symbol, side, qty, price, fee, filled_at from fills" + where
                        + " order by filled_at desc, id desc limit $4 offset $5",
                "select count(*) as total from fills" + where, Arrays.asList(orderId, accountId, symbol), page, size,
                OrderRepository::fill);
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

    private static Tuple orderTuple(OrderRow row) {
        var o = row.order();
        return tuple(o.id(), o.signalId(), o.accountId(), o.symbol(), o.side().name(), o.type().name(),
                numeric(o.qty()), numeric(o.notional()), numeric(o.limitPrice()), numeric(o.stopPrice()),
                o.timeInForce().name(), time(o.createdAt()), row.source(), row.status().name(),
                numeric(row.filledQty()), numeric(row.avgFillPrice()), numeric(row.fees()), row.reason(),
                time(row.updatedAt()), numeric(o.trailPrice()), numeric(o.trailPercent()), o.parentId(), o.ocoGroup(),
                o.replacesOrderId());
    }

    private static OrderResponse order(Row row) {
        return new OrderResponse(row.getString("id"), row.getString("signal_id"), row.getString("account_id"),
                row.getString("symbol"), row.getString("side"), row.getString("type"), decimal(row, "qty"),
                decimal(row, "notional"), decimal(row, "limit_price"), decimal(row, "stop_price"),
                row.getString("time_in_force"), instant(row, "created_at"), row.getString("source"),
                row.getString("status"), decimal(row, "filled_qty"), decimal(row, "avg_fill_price"),
                decimal(row, "fees"), row.getString("reason"), instant(row, "updated_at"), decimal(row, "trail_price"),
                decimal(row, "trail_percent"), row.getString("parent_id"), row.getString("oco_group"),
                row.getString("replaces_order_id"));
    }

    private static FillResponse fill(Row row) {
        return new FillResponse(row.getString("id"), row.getString("order_id"), row.getString("account_id"),
                row.getString("symbol"), row.getString("side"), decimal(row, "qty"), decimal(row, "price"),
                decimal(row, "fee"), instant(row, "filled_at"));
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
