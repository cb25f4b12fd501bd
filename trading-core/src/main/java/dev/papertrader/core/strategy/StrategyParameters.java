package dev.papertrader.core.strategy;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Strategy parameters as strings, as they arrive from REST, configuration or the command line, with typed accessors.
 *
 * <p>Keys are kept sorted so that {@code toString} and iteration are deterministic. A value that does not parse as
 * the requested type, and (through {@link #withDefaults(Map)}) a key the strategy does not know, raise an
 * {@link IllegalArgumentException} whose message names the parameter.
 */
public record StrategyParameters(Map<String, String> values) {

    private static final StrategyParameters EMPTY = new StrategyParameters(Map.of());

    public StrategyParameters {
        Objects.requireNonNull(values, "values is required");
        TreeMap<String, String> sorted = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("parameter names must not be blank");
            }
            if (value == null) {
                throw new IllegalArgumentException("parameter '" + key + "' has no value");
            }
            sorted.put(key, value.strip());
        });
        values = Collections.unmodifiableMap(sorted);
    }

    public static StrategyParameters of(Map<String, String> values) {
        return new StrategyParameters(values);
    }

    public static StrategyParameters empty() {
        return EMPTY;
    }

    /** The value of {@code key} as an int, or {@code defaultValue} when absent. */
    public int intValue(String key, int defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' must be an integer, was '" + text + "'", e);
        }
    }

    /** The value of {@code key} as a finite double, or {@code defaultValue} when absent. */
    public double doubleValue(String key, double defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a number, was '" + text + "'", e);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a finite number, was '" + text + "'");
        }
        return value;
    }

    /** The value of {@code key} as a boolean ({@code true} or {@code false}, any case), or {@code defaultValue}. */
    public boolean booleanValue(String key, boolean defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "parameter '" + key + "' must be true or false, was '" + text + "'");
        };
    }

    /**
     * These parameters completed by {@code defaults}: a key given here wins over its default.
     *
     * @throws IllegalArgumentException if a key given here is not among the defaults' keys (the strategy does not
     *                                  know it; a typo would otherwise be silently ignored)
     */
    public StrategyParameters withDefaults(Map<String, String> defaults) {
        Objects.requireNonNull(defaults, "defaults is required");
        for (String key : values.keySet()) {
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException(
                        "unknown parameter '" + key + "'; known: " + String.join(", ", new TreeMap<>(defaults).keySet()));
            }
        }
        TreeMap<String, String> merged = new TreeMap<>(defaults);
        merged.putAll(values);
        return new StrategyParameters(merged);
    }
}
