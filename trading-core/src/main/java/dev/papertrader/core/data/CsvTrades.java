package dev.papertrader.core.data;

import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads trades from CSV with the header {@code timestamp,price,amount} (any case, any order, extra columns ignored),
 * the format of Bitstamp's trade history.
 * <p>
 * {@code timestamp} is the trade time in seconds since the epoch (a decimal fraction is kept to the nanosecond); a
 * column named {@code time} with an ISO date-time (as read by {@link CsvBars#parseTime(String)}) may be used
 * instead. Trades are returned in file order; {@link TradeAggregator} sorts them. Errors are
 * {@link IllegalArgumentException}s starting with {@code line N:}, as in {@link CsvBars}.
 */
public final class CsvTrades {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private CsvTrades() {
    }

    public static List<Trade> read(Reader csv) {
        CsvRecords records = new CsvRecords(csv, List.of("timestamp|time", "price", "amount"));
        String timeColumn = records.column("timestamp|time");
        List<Trade> trades = new ArrayList<>();
        while (records.next()) {
            Instant time = timeColumn.equals("timestamp") ? epochSeconds(records) : isoTime(records);
            BigDecimal price = records.decimal("price");
            BigDecimal amount = records.decimal("amount");
            try {
                trades.add(new Trade(time, price, amount));
            } catch (IllegalArgumentException e) {
                throw records.error(e.getMessage(), e);
            }
        }
        return trades;
    }

    private static Instant epochSeconds(CsvRecords records) {
        BigDecimal seconds = records.decimal("timestamp");
        try {
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole).multiply(NANOS_PER_SECOND).longValue();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw records.error("timestamp " + seconds.toPlainString() + " is out of range", e);
        }
    }

    private static Instant isoTime(CsvRecords records) {
        String text = records.text("time");
        try {
            return CsvBars.parseTime(text);
        } catch (IllegalArgumentException e) {
            throw records.error("column 'time': " + e.getMessage(), e);
        }
    }
}
