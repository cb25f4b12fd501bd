package dev.papertrader.monitor.repository;

import static dev.papertrader.monitor.repository.SqlValues.instant;
import static dev.papertrader.monitor.repository.SqlValues.numeric;
import static dev.papertrader.monitor.repository.SqlValues.time;

import dev.papertrader.core.model.Signal;
import dev.papertrader.monitor.rest.SignalResponse;
import dev.papertrader.monitor.strategy.StrategyRunner.EmittedSignal;
import dev.papertrader.service.rest.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code signals} table: every signal the watchlist emitted, in emission order. */
@ApplicationScoped
public class SignalRepository {

    private static final String COLUMNS = """
            id, strategy, symbol, timeframe, type, strength, bar_time, price, atr, emitted_at, watchlist_id""";

    /** Which signals to list; a null field matches anything. {@code from} is inclusive, {@code to} exclusive. */
    public record Filter(String symbol, String strategy, String type, Instant from, Instant to) {
        public static final Filter ALL = new Filter(null, null, null, null, null);
    }

    private final Pool pool;

    public SignalRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores {@code signals} (stamped with their emission time) in the given order. */
    public Uni<Void> insert(SqlConnection connection, List<EmittedSignal> signals) {
        if (signals.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into signals (" + COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .executeBatch(signals.stream().map(emitted -> {
                    Signal s = emitted.signal();
                    return Tuple.tuple(Arrays.asList(s.id(), s.strategy(), s.symbol(), emitted.timeframe(),
                            s.type().name(), numeric(s.strength()), time(s.barTime()), numeric(s.price()),
                            numeric(s.atr()), time(s.emittedAt()), emitted.watchlistId()));
                }).toList())
                .replaceWithVoid();
    }

    /**
     * One page of the signals matching {@code filter}, newest first (by bar time, then emission order reversed).
     *
     * @param oldestFirst the other way round: by bar time, then emission order
     */
    public Uni<Page<SignalResponse>> find(Filter filter, boolean oldestFirst, int page, int size) {
        String where = " " + """
                where ($1::text is null or symbol = $1) and ($2::text is null or strategy = $2)
                and ($3::text is null or type = $3) and ($4::timestamptz is null or bar_time >= $4)
                and ($5::timestamptz is null or bar_time < $5)""";
        List<Object> filters = Arrays.asList(filter.symbol(), filter.strategy(), filter.type(), time(filter.from()),
                time(filter.to()));
        List<Object> paged = new ArrayList<>(filters);
        paged.add(size);
        paged.add((long) page * size);
        String order = oldestFirst ? " order by bar_time, seq" : " order by bar_time desc, seq desc";
        Uni<List<SignalResponse>> items = pool.preparedQuery("select " + COLUMNS + " from signals" + where + order
                        + " limit $6 offset $7")
                .execute(Tuple.tuple(paged))
                .map(rows -> {
                    List<SignalResponse> list = new ArrayList<>(rows.size());
                    rows.forEach(row -> list.add(signal(row)));
                    return list;
                });
        Uni<Long> total = pool.preparedQuery("select count(*) as total from signals" + where)
                .execute(Tuple.tuple(filters))
                .map(rows -> rows.iterator().next().getLong("total"));
        return Uni.combine().all().unis(items, total).with((list, all) -> new Page<>(list, page, size, all));
    }

    private static SignalResponse signal(Row row) {
        return new SignalResponse(row.getString("id"), row.getString("strategy"), row.getString("symbol"),
                row.getString("timeframe"), row.getString("type"), row.getBigDecimal("strength"),
                instant(row, "bar_time"), row.getBigDecimal("price"), row.getBigDecimal("atr"),
                instant(row, "emitted_at"), row.getLong("watchlist_id"));
    }
}
