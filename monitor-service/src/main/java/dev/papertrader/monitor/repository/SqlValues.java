package dev.papertrader.monitor.repository;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between Java values and the PostgreSQL client's: decimals stay exact, times are UTC. */
final class SqlValues {

    private SqlValues() {
    }

    static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
