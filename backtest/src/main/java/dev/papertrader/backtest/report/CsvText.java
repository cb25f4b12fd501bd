package dev.papertrader.backtest.report;

import java.math.BigDecimal;
import java.time.Instant;

/** Field formatting shared by the CSV writers (RFC 4180 quoting, plain decimals, ISO-8601 UTC times). */
final class CsvText {

    private CsvText() {
    }

    /** Quotes a field holding a comma, quote or line break, doubling its quotes; null is an empty field. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Plain notation (never {@code 1E+3}), scale kept; null is an empty field. */
    static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    static String time(Instant value) {
        return value == null ? "" : value.toString();
    }
}
