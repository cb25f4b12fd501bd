package dev.papertrader.monitor.repository;

import dev.papertrader.monitor.watchlist.WatchlistEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code watchlist} table, in watchlist (id) order. */
@ApplicationScoped
public class WatchlistRepository {

    private static final String COLUMNS = "id, symbol, timeframe, strategy, parameters, enabled";

    private final Pool pool;

    public WatchlistRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every entry, in watchlist order. */
    public Uni<List<WatchlistEntry>> findAll() {
        return pool.query("select " + COLUMNS + " from watchlist order by id").execute().map(rows -> {
            List<WatchlistEntry> entries = new ArrayList<>(rows.size());
            rows.forEach(row -> entries.add(entry(row)));
            return entries;
        });
    }

    public Uni<Optional<WatchlistEntry>> findById(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from watchlist where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(entry(rows.iterator().next())));
    }

    /**
     * Adds an entry at the end of the watchlist; {@code entry.id()} is ignored.
     *
     * @return the entry with its id; fails with a {@code PgException} of SQL state 23505 when its symbol already runs
     *         its strategy
     */
    public Uni<WatchlistEntry> insert(SqlClient client, WatchlistEntry entry) {
        return client.preparedQuery("""
                        insert into watchlist (symbol, timeframe, strategy, parameters, enabled)
                        values ($1, $2, $3, $4, $5) returning""" + " " + COLUMNS)
                .execute(Tuple.of(entry.symbol(), entry.timeframe(), entry.strategy(), json(entry.parameters()),
                        entry.enabled()))
                .map(rows -> entry(rows.iterator().next()));
    }

    /** Replaces the parameters and the enabled flag of entry {@code entry.id()}; empty when there is no such entry. */
    public Uni<Optional<WatchlistEntry>> update(WatchlistEntry entry) {
        return pool.preparedQuery("update watchlist set parameters = $2, enabled = $3, updated_at = now() where id = $1"
                        + " returning " + COLUMNS)
                .execute(Tuple.of(entry.id(), json(entry.parameters()), entry.enabled()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(entry(rows.iterator().next())));
    }

    /** Deletes entry {@code id}; false when there was none. */
    public Uni<Boolean> delete(long id) {
        return pool.preparedQuery("delete from watchlist where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    private static JsonObject json(Map<String, String> parameters) {
        return new JsonObject(new LinkedHashMap<>(parameters));
    }

    private static WatchlistEntry entry(Row row) {
        JsonObject stored = row.getJsonObject("parameters");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (stored != null) {
            stored.forEach(e -> parameters.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new WatchlistEntry(row.getLong("id"), row.getString("symbol"), row.getString("timeframe"),
                row.getString("strategy"), parameters, row.getBoolean("enabled"));
    }
}
