package dev.papertrader.core.router;

import java.math.BigDecimal;
import java.time.Duration;

/** Text for decision reasons: decimals without trailing zeros, durations like {@code 1h 15m}. */
final class Format {

    private Format() {
    }

    /** {@code 12.50} → {@code 12.5}, {@code 1E+2} → {@code 100}. */
    static String plain(BigDecimal value) {
        return normalize(value).toPlainString();
    }

    /** Drops trailing zeros but keeps a non-negative scale, so JSON shows {@code 100}, not {@code 1E+2}. */
    static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code PT1H15M} → {@code 1h 15m}; zero parts left out; {@code 0s} for zero. Non-negative durations only. */
    static String duration(Duration duration) {
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.isEmpty() ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(amount).append(unit);
        }
    }
}
