package dev.papertrader.monitor.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Signal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
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

/** The {@code backfill_jobs} and {@code backfill_signals} tables. */
@ApplicationScoped
public class BackfillRepository {

    private static final String COLUMNS = "id, symbol, timeframe, source, range_from, range_to, strategies, status,"
            + " loaded_through, bars_loaded, bars_expected, report, error";

    private final Pool pool;

    public BackfillRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new job in status loading, unless one with its id exists; returns the stored job. */
    public Uni<BackfillJob> insertIfAbsent(BackfillSpec spec, long barsExpected) {
        return pool.preparedQuery("""
                        insert into backfill_jobs (id, symbol, timeframe, source, range_from, range_to, strategies, status,
                                                   bars_expected)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do nothing""")
                .execute(Tuple.tuple(Arrays.asList(spec.id(), spec.symbol(), spec.timeframe(), spec.source(),
                        time(spec.from()), time(spec.to()), json(spec.strategies()), BackfillJob.LOADING, barsExpected)))
                .chain(() -> find(spec.id())).map(Optional::orElseThrow);
    }

    public Uni<Optional<BackfillJob>> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from backfill_jobs where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
    }

    /** The latest jobs, newest first. */
    public Uni<List<BackfillJob>> latest(int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from backfill_jobs order by created_at desc limit $1")
                .execute(Tuple.of(limit)).map(rows -> {
                    List<BackfillJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(job(row)));
                    return jobs;
                });
    }

    /** Jobs neither done nor failed (to resume at start). */
    public Uni<List<String>> unfinished() {
        return pool.query("select id from backfill_jobs where status in ('loading', 'evaluating') order by created_at")
                .execute().map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
    }

    /** Records loading progress (in the transaction that stored the bars). */
    public Uni<Void> loaded(SqlClient client, String id, Instant through, long bars) {
        return client.preparedQuery("""
                        update backfill_jobs set loaded_through = $2, bars_loaded = bars_loaded + $3, updated_at = now()
                        where id = $1""")
                .execute(Tuple.of(id, time(through), bars)).replaceWithVoid();
    }

    public Uni<Void> status(String id, String status, String error) {
        return pool.preparedQuery("update backfill_jobs set status = $2, error = $3, updated_at = now() where id = $1")
                .execute(Tuple.of(id, status, error)).replaceWithVoid();
    }

    /** Stores the signals and the report and marks the job done, in one transaction. */
    public Uni<Void> finish(String id, String timeframe, List<Signal> signals, BackfillReport report) {
        return pool.withTransaction(connection -> {
            Uni<Void> inserted = Uni.createFrom().voidItem();
            if (!signals.isEmpty()) {
                inserted = connection.preparedQuery("""
                                insert into backfill_signals (job_id, signal_id, strategy, symbol, timeframe, type, strength,
                                                              bar_time, price, atr)
                                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing""")
                        .executeBatch(signals.stream().map(s -> Tuple.tuple(Arrays.asList(id, s.id(), s.strategy(),
                                s.symbol(), timeframe, s.type().name(), numeric(s.strength()), time(s.barTime()),
                                numeric(s.price()), numeric(s.atr())))).toList())
                        .replaceWithVoid();
            }
            return inserted.chain(() -> connection.preparedQuery("""
                            update backfill_jobs set status = 'done', report = $2, error = null, updated_at = now()
                            where id = $1""")
                    .execute(Tuple.of(id, json(report))).replaceWithVoid());
        });
    }

    /** How many signals a job stored. */
    public Uni<Long> signalCount(String id) {
        return pool.preparedQuery("select count(*) as n from backfill_signals where job_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private static BackfillJob job(Row row) {
        BackfillSpec spec = new BackfillSpec(row.getString("symbol"), row.getString("timeframe"),
                instant(row, "range_from"), instant(row, "range_to"), row.getString("source"),
                read(row.getString("strategies"), new TypeReference<List<StrategySpec>>() {
                }));
        long loaded = row.getLong("bars_loaded");
        long expected = row.getLong("bars_expected");
        String status = row.getString("status");
        String report = row.getString("report");
        double progress = BackfillJob.DONE.equals(status) ? 1.0 : expected == 0 ? 0 : Math.min(1.0, (double) loaded / expected);
        return new BackfillJob(row.getString("id"), spec, status, instant(row, "loaded_through"), loaded, expected,
                progress, row.getString("error"), report == null ? null : read(report, new TypeReference<BackfillReport>() {
                }));
    }

    private static String json(Object value) {
        try {
            return JsonCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JsonCodec.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored backfill JSON unreadable: " + e.getMessage(), e);
        }
    }

    private static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
