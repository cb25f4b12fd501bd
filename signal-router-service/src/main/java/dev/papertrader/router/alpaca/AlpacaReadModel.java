package dev.papertrader.router.alpaca;

import static dev.papertrader.router.alpaca.AlpacaOrderRepository.utc;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Alpaca API's read model, written by the router service in its own transactions: the last price of each symbol
 * (from bars), the account's equity per decided slice, and the orders' status from the order service's events, whose
 * {@code trade_updates} go out after the transaction commits.
 *
 * <h2>trade_updates</h2>
 * An {@link OrderStatusEvent} for an order placed through the API gives the event {@code new} (NEW),
 * {@code partial_fill} (PARTIALLY_FILLED), {@code fill} (FILLED), {@code canceled}, {@code expired}, {@code replaced},
 * {@code rejected}; HELD gives none (Alpaca has no such event). Fill events carry {@code price} and {@code qty} of the
 * latest {@link Fill} (else the average price and filled quantity) and {@code position_qty}: the position in the
 * router's last snapshot plus the fills of the symbol after that snapshot's time seen since this process started.
 *
 * <p>Called only from the router's serial executor, except the last prices (a concurrent map).
 */
@ApplicationScoped
public class AlpacaReadModel {

    /** A symbol's last price and the open time of the bar it closed. */
    public record LastPrice(BigDecimal price, Instant barTime) {
    }

    private final Pool pool;
    private final AlpacaOrderRepository orders;
    private final TradeUpdates tradeUpdates;
    private final Map<String, LastPrice> lastPrices = new ConcurrentHashMap<>();
    /** Fill id → fill, for position_qty; those at or before the last snapshot are dropped. */
    private final Map<String, Fill> recentFills = new LinkedHashMap<>();

    public AlpacaReadModel(Pool pool, AlpacaOrderRepository orders, TradeUpdates tradeUpdates) {
        this.pool = pool;
        this.orders = orders;
        this.tradeUpdates = tradeUpdates;
    }

    /** Loads the stored last prices before the queues are consumed (a newer bar already seen is kept). */
    void load(@Observes @Priority(1) StartupEvent event) {
        pool.query("select symbol, price, bar_time from last_prices").execute().await().indefinitely()
                .forEach(row -> remember(row.getString("symbol"), row.getBigDecimal("price"),
                        AlpacaOrderRepository.instant(row, "bar_time")));
    }

    /** The close of the latest bar of {@code symbol}, empty before its first bar. */
    public Optional<BigDecimal> lastPrice(String symbol) {
        return Optional.ofNullable(lastPrices.get(symbol)).map(LastPrice::price);
    }

    /** Stores each bar's close as its symbol's last price unless a later bar's is stored (inside the transaction). */
    public Uni<Void> storeLastPrices(SqlConnection connection, List<Bar> bars) {
        if (bars.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        insert into last_prices (symbol, price, bar_time) values ($1, $2, $3)
                        on conflict (symbol) do update set price = excluded.price, bar_time = excluded.bar_time
                        where last_prices.bar_time <= excluded.bar_time""")
                .executeBatch(bars.stream().map(bar -> Tuple.of(bar.symbol(), bar.close(), utc(bar.openTime()))).toList())
                .replaceWithVoid();
    }

    /** After {@link #storeLastPrices} committed. */
    public void rememberLastPrice(Bar bar) {
        remember(bar.symbol(), bar.close(), bar.openTime());
    }

    private void remember(String symbol, BigDecimal price, Instant barTime) {
        lastPrices.merge(symbol, new LastPrice(price, barTime),
                (old, candidate) -> candidate.barTime().isBefore(old.barTime()) ? old : candidate);
    }

    /** Stores the equity of the snapshot a slice was decided against (inside the slice's transaction). */
    public Uni<Void> storeEquity(SqlConnection connection, PortfolioSnapshot snapshot) {
        return connection.preparedQuery("""
                        insert into equity_history (account_id, as_of, equity) values ($1, $2, $3)
                        on conflict do nothing""")
                .execute(Tuple.of(snapshot.accountId(), utc(snapshot.asOf()), snapshot.equity())).replaceWithVoid();
    }

    /** {@code (asOf, equity)} of the account, oldest first, at most {@code limit} of the latest. */
    public Uni<List<Map.Entry<Instant, BigDecimal>>> equityHistory(String accountId, Instant from, int limit) {
        return pool.preparedQuery("""
                        select as_of, equity from (select as_of, equity from equity_history
                        where account_id = $1 and ($2::timestamptz is null or as_of >= $2)
                        order by as_of desc limit $3) latest order by as_of""")
                .execute(Tuple.of(accountId, utc(from), limit))
                .map(rows -> {
                    List<Map.Entry<Instant, BigDecimal>> points = new ArrayList<>();
                    rows.forEach(row -> points.add(Map.entry(AlpacaOrderRepository.instant(row, "as_of"),
                            row.getBigDecimal("equity"))));
                    return points;
                });
    }

    /**
     * Applies a fill or status event to the orders placed through the API, inside the router's transaction; returns
     * what to do once it commits (send the trade update, or nothing).
     */
    public Uni<Runnable> onExecution(SqlConnection connection, ExecutionEvent event, PortfolioSnapshot lastSnapshot) {
        Runnable nothing = () -> { };
        if (event instanceof Fill fill) {
            recentFills.put(fill.id(), fill);
            if (lastSnapshot != null) {
                recentFills.values().removeIf(f -> !f.filledAt().isAfter(lastSnapshot.asOf()));
            }
            return orders.recordFill(connection, fill.orderId(), fill.qty(), fill.price()).replaceWith(nothing);
        }
        OrderStatusEvent status = (OrderStatusEvent) event;
        String alpacaStatus = status(status.status());
        return orders.applyStatus(connection, status.orderId(), alpacaStatus, status.filledQty(),
                status.avgFillPrice(), status.eventTime()).map(updated -> {
                    String name = eventName(status.status());
                    if (updated.isEmpty() || name == null) {
                        return nothing;
                    }
                    AlpacaOrderRow row = updated.get();
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("event", name);
                    data.put("execution_id", status.id());
                    data.put("timestamp", status.eventTime().toString());
                    data.put("order", AlpacaJson.order(row, null));
                    if (name.equals("fill") || name.equals("partial_fill")) {
                        data.put("price", AlpacaJson.decimal(row.lastFillPrice() != null ? row.lastFillPrice()
                                : row.filledAvgPrice()));
                        data.put("qty", AlpacaJson.decimal(row.lastFillQty() != null ? row.lastFillQty()
                                : row.filledQty()));
                        data.put("position_qty", AlpacaJson.decimal(positionQty(row.symbol(), lastSnapshot)));
                    }
                    return () -> tradeUpdates.publish(row.accountId(), data);
                });
    }

    private BigDecimal positionQty(String symbol, PortfolioSnapshot lastSnapshot) {
        BigDecimal qty = lastSnapshot == null ? BigDecimal.ZERO : lastSnapshot.positionQty(symbol);
        for (Fill fill : recentFills.values()) {
            if (fill.symbol().equals(symbol)
                    && (lastSnapshot == null || fill.filledAt().isAfter(lastSnapshot.asOf()))) {
                qty = fill.side() == Side.BUY ? qty.add(fill.qty()) : qty.subtract(fill.qty());
            }
        }
        return qty;
    }

    /** The order service's status in Alpaca's words. */
    static String status(OrderStatus status) {
        return switch (status) {
            case NEW -> "new";
            case PARTIALLY_FILLED -> "partially_filled";
            case FILLED -> "filled";
            case CANCELED -> "canceled";
            case EXPIRED -> "expired";
            case REJECTED -> "rejected";
            case HELD -> "held";
            case REPLACED -> "replaced";
        };
    }

    /** The trade_updates event of a status, null for HELD. */
    static String eventName(OrderStatus status) {
        return switch (status) {
            case NEW -> "new";
            case PARTIALLY_FILLED -> "partial_fill";
            case FILLED -> "fill";
            case CANCELED -> "canceled";
            case EXPIRED -> "expired";
            case REJECTED -> "rejected";
            case REPLACED -> "replaced";
            case HELD -> null;
        };
    }
}
