package dev.papertrader.core.data;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Converts between a bar timeframe's text form, as carried by {@link dev.papertrader.core.model.Bar#timeframe()},
 * and its {@link Duration}.
 * <p>
 * Text forms: the shorthand {@code <count><unit>} with unit {@code s} (seconds), {@code m} (minutes), {@code h}
 * (hours) or {@code d} (days), e.g. {@code 1m}, {@code 5m}, {@code 1h}, {@code 1d}; or an ISO-8601 duration such as
 * {@code PT5M} or {@code P1D}. {@link #label(Duration)} writes the shorthand with the largest unit that divides the
 * duration exactly, falling back to ISO-8601 for durations that are not whole seconds.
 */
public final class Timeframes {

    private Timeframes() {
    }

    /** Parses {@code 5m}, {@code 1h}, {@code 1d}, {@code 30s} or an ISO-8601 duration; the result is positive. */
    public static Duration parse(String timeframe) {
        if (timeframe == null || timeframe.isBlank()) {
            throw new IllegalArgumentException("timeframe is required");
        }
        String text = timeframe.strip();
        Duration duration;
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("timeframe '" + timeframe + "' is not an ISO-8601 duration", e);
            }
        } else {
            duration = parseShorthand(text, timeframe);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("timeframe '" + timeframe + "' must be positive");
        }
        return duration;
    }

    /** Shorthand for a positive duration: {@code PT5M -> 5m}, {@code PT24H -> 1d}, {@code PT90S -> 90s}. */
    public static String label(Duration timeframe) {
        if (timeframe == null || timeframe.isZero() || timeframe.isNegative()) {
            throw new IllegalArgumentException("timeframe must be positive, was " + timeframe);
        }
        if (timeframe.getNano() != 0) {
            return timeframe.toString();
        }
        long seconds = timeframe.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static Duration parseShorthand(String text, String original) {
        char unit = text.charAt(text.length() - 1);
        String count = text.substring(0, text.length() - 1);
        long amount;
        try {
            amount = Long.parseLong(count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeframe '" + original + "' is neither <count><s|m|h|d> nor ISO-8601");
        }
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(
                    "timeframe '" + original + "' has unknown unit '" + unit + "' (use s, m, h or d)");
        };
    }
}
