package dev.papertrader.service.messaging;

import dev.papertrader.service.rest.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the service's {@code dead_letters} table, newest first, so operators see what was rejected and why. */
@ApplicationScoped
public class DeadLetterQuery {

    /** Longest body returned; a poison message can be large, and the reason usually says enough. */
    public static final int BODY_LIMIT = 4_000;

    private final Pool pool;

    public DeadLetterQuery(Pool pool) {
        this.pool = pool;
    }

    /** One page of dead letters, optionally of one consumer only. */
    public Uni<Page<DeadLetterView>> list(String consumer, int page, int size) {
        Tuple filter = Tuple.of(consumer);
        Uni<Long> total = pool.preparedQuery("""
                        select count(*) as total from dead_letters where ($1::text is null or consumer = $1)""")
                .execute(filter).map(rows -> rows.iterator().next().getLong("total"));
        Uni<List<DeadLetterView>> items = pool.preparedQuery("""
                        select seq, consumer, address, message_id, type, reason, left(body, $2) as body,
                               length(body) > $2 as truncated, received_at
                        from dead_letters where ($1::text is null or consumer = $1)
                        order by seq desc limit $3 offset $4""")
                .execute(Tuple.of(consumer, BODY_LIMIT, size, (long) page * size))
                .map(rows -> {
                    List<DeadLetterView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(view(row));
                    }
                    return views;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(both -> new Page<>(both.getItem1(), page, size, both.getItem2()));
    }

    private static DeadLetterView view(Row row) {
        Boolean truncated = row.getBoolean("truncated");
        OffsetDateTime receivedAt = row.getOffsetDateTime("received_at");
        return new DeadLetterView(row.getLong("seq"), row.getString("consumer"), row.getString("address"),
                row.getString("message_id"), row.getString("type"), row.getString("reason"), row.getString("body"),
                Boolean.TRUE.equals(truncated), receivedAt.toInstant());
    }
}
