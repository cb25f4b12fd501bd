package dev.papertrader.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/** Argument checks shared by the message records; each failure names the field and why. */
public final class Checks {
    private Checks() {
    }

    public static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    public static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static BigDecimal positive(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value.toPlainString());
        }
        return value;
    }

    public static BigDecimal nonNegative(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value.toPlainString());
        }
        return value;
    }

    public static BigDecimal positiveOrNull(BigDecimal value, String field) {
        return value == null ? null : positive(value, field);
    }
}
