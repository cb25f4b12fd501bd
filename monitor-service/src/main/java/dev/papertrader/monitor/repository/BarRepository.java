package dev.papertrader.monitor.repository;

import static dev.papertrader.monitor.repository.SqlValues.instant;
import static dev.papertrader.monitor.repository.SqlValues.numeric;
import static dev.papertrader.monitor.repository.SqlValues.time;

import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.feed.Instrument;
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

/** The {@code bars} table: every published bar, written in its slice's transaction, read back to warm strategies up. */
@ApplicationScoped
public class BarRepository {

    private final Pool pool;

    public BarRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores {@code bars}; a bar already stored (same symbol, timeframe and open time) is left as it is. */
    public Uni<Void> insert(SqlConnection connection, List<Bar> bars) {
        if (bars.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        insert into bars (symbol, timeframe, open_time, open, high, low, close, volume)
                        values ($1, $2, $3, $4, $5, $6, $7, $8)
                        on conflict (symbol, timeframe, open_time) do nothing""")
                .executeBatch(bars.stream().map(bar -> Tuple.tuple(Arrays.asList(bar.symbol(), bar.timeframe(),
                        time(bar.openTime()), numeric(bar.open()), numeric(bar.high()), numeric(bar.low()),
                        numeric(bar.close()), numeric(bar.volume())))).toList())
                .replaceWithVoid();
    }

    /**
     * Up to {@code limit} stored bars of {@code instrument} opening after {@code after} (null: from the first), oldest
     * first: page through them by passing the last bar's open time.
     */
    public Uni<List<Bar>> findAfter(Instrument instrument, Instant after, int limit) {
        return pool.preparedQuery("""
                        select symbol, timeframe, open_time, open, high, low, close, volume from bars
                        where symbol = $1 and timeframe = $2 and ($3::timestamptz is null or open_time > $3)
                        order by open_time limit $4""")
                .execute(Tuple.tuple(Arrays.asList(instrument.symbol(), instrument.timeframe(), time(after), limit)))
                .map(rows -> {
                    List<Bar> bars = new ArrayList<>(rows.size());
                    rows.forEach(row -> bars.add(bar(row)));
                    return bars;
                });
    }

    /** How many bars are stored. */
    public Uni<Long> count() {
        return pool.query("select count(*) as n from bars").execute().map(rows -> rows.iterator().next().getLong("n"));
    }

    private static Bar bar(Row row) {
        return new Bar(row.getString("symbol"), row.getString("timeframe"), instant(row, "open_time"),
                row.getBigDecimal("open"), row.getBigDecimal("high"), row.getBigDecimal("low"),
                row.getBigDecimal("close"), row.getBigDecimal("volume"));
    }
}
