package dev.papertrader.core.data;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Checks;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads OHLCV bars of one symbol from CSV.
 * <p>
 * Format: a header naming the columns {@code date,open,high,low,close,volume} (any case, any order, extra columns
 * ignored), then one bar per line. {@code date} is the bar's open time, either an ISO date ({@code 2013-01-02},
 * read as the start of that day in UTC) or an ISO date-time: with an offset or {@code Z}
 * ({@code 2013-01-02T14:30:00Z}, {@code 2013-01-02T09:30:00-05:00}), with a zone id in brackets, or local
 * ({@code 2013-01-02T14:30}, read as UTC); a space may stand for the {@code T}. Prices and volume are parsed straight
 * into {@link java.math.BigDecimal}. Blank lines are ignored. See {@link CsvRecords} for quoting and line endings.
 * <p>
 * Order: rows may come in any order (many exports are newest first); the result is sorted by open time, ascending.
 * Two rows with the same open time are rejected, since no rule could tell which one is right.
 * <p>
 * Every problem is an {@link IllegalArgumentException} whose message starts with {@code line N:} and gives the reason:
 * a missing header column, a missing value, a bad number or date, a bar that breaks the {@link Bar} rules
 * (high below low, open or close outside [low, high], non-positive price, negative volume) or a duplicate time.
 */
public final class CsvBars {

    static final List<String> COLUMNS = List.of("date", "open", "high", "low", "close", "volume");

    private CsvBars() {
    }

    /**
     * @param symbol    symbol given to every bar (the file does not carry it)
     * @param timeframe timeframe given to every bar, e.g. {@code 1d} (see {@link Timeframes})
     * @return the bars in ascending open-time order
     */
    public static List<Bar> read(Reader csv, String symbol, String timeframe) {
        Checks.requiredText(symbol, "symbol");
        Timeframes.parse(timeframe);
        CsvRecords records = new CsvRecords(csv, COLUMNS);
        List<NumberedBar> rows = new ArrayList<>();
        while (records.next()) {
            Instant openTime = parseTime(records.text("date"), records);
            BigDecimal open = records.decimal("open");
            BigDecimal high = records.decimal("high");
            BigDecimal low = records.decimal("low");
            BigDecimal close = records.decimal("close");
            BigDecimal volume = records.decimal("volume");
            Bar bar;
            try {
                bar = new Bar(symbol, timeframe, openTime, open, high, low, close, volume);
            } catch (IllegalArgumentException e) {
                throw records.error(e.getMessage(), e);
            }
            rows.add(new NumberedBar(bar, records.lineNumber()));
        }
        rows.sort(Comparator.comparing((NumberedBar row) -> row.bar().openTime()));
        List<Bar> bars = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            NumberedBar row = rows.get(i);
            if (i > 0 && rows.get(i - 1).bar().openTime().equals(row.bar().openTime())) {
                throw new IllegalArgumentException("line " + row.line() + ": duplicate bar time "
                        + row.bar().openTime() + " (already on line " + rows.get(i - 1).line() + ")");
            }
            bars.add(row.bar());
        }
        return List.copyOf(bars);
    }

    /**
     * Reads an ISO date (start of that day, UTC) or ISO date-time (offset, zone, or local read as UTC).
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Instant parseTime(String text) {
        String iso = text.strip();
        try {
            if (iso.indexOf('T') < 0 && iso.indexOf('t') < 0 && iso.indexOf(' ') < 0) {
                return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (iso.length() > 10 && iso.charAt(10) == ' ') {
                iso = iso.substring(0, 10) + 'T' + iso.substring(11);
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad date '" + text
                    + "' (expected an ISO date like 2013-01-02 or date-time like 2013-01-02T14:30:00Z)", e);
        }
    }

    private static Instant parseTime(String text, CsvRecords records) {
        try {
            return parseTime(text);
        } catch (IllegalArgumentException e) {
            throw records.error("column 'date': " + e.getMessage(), e);
        }
    }

    private record NumberedBar(Bar bar, int line) {
    }
}
