package dev.papertrader.order.repository;

import dev.papertrader.core.execution.ExecutionState.SymbolBars;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exchange's bar history in {@code bar_history}: written bar by bar as slices are processed, instead of inside
 * the engine state of every transaction (V3__bar_history.sql).
 */
@ApplicationScoped
public class BarHistoryRepository {

    /**
     * Makes the table match the history after a slice: inserts the slice's bars (a bar already there stays) and
     * deletes, per symbol, the bars at or before its {@code evictedThrough}.
     */
    public Uni<Void> update(SqlConnection connection, Collection<Bar> sliceBars, Collection<SymbolBars> histories) {
        List<Tuple> inserts = sliceBars.stream()
                .map(bar -> Tuple.of(bar.symbol(), utc(bar.openTime()), JsonCodec.encode(bar)))
                .toList();
        List<Tuple> evictions = histories.stream()
                .filter(history -> history.evictedThrough() != null)
                .map(history -> Tuple.of(history.symbol(), utc(history.evictedThrough())))
                .toList();
        Uni<Void> inserted = inserts.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        insert into bar_history (symbol, open_time, body) values ($1, $2, $3)
                        on conflict (symbol, open_time) do nothing""")
                .executeBatch(inserts).replaceWithVoid();
        return inserted.chain(() -> evictions.isEmpty() ? Uni.createFrom().voidItem() : connection
                .preparedQuery("delete from bar_history where symbol = $1 and open_time <= $2")
                .executeBatch(evictions).replaceWithVoid());
    }

    /** Every stored bar by symbol, oldest first. */
    public Uni<Map<String, List<Bar>>> load(SqlClient client) {
        return client.query("select body from bar_history order by symbol, open_time").execute().map(rows -> {
            Map<String, List<Bar>> bySymbol = new LinkedHashMap<>();
            for (Row row : rows) {
                Bar bar = JsonCodec.decode(row.getString("body"), Bar.class);
                bySymbol.computeIfAbsent(bar.symbol(), symbol -> new ArrayList<>()).add(bar);
            }
            return bySymbol;
        });
    }

    private static OffsetDateTime utc(Instant time) {
        return time.atOffset(ZoneOffset.UTC);
    }
}
