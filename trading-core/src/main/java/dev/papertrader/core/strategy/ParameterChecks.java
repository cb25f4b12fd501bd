package dev.papertrader.core.strategy;

/** Reads parameters that {@link StrategyParameters#withDefaults} has completed, checking their range. */
final class ParameterChecks {

    private ParameterChecks() {
    }

    static int intAtLeast(StrategyParameters parameters, String key, int minimum) {
        requirePresent(parameters, key);
        int value = parameters.intValue(key, minimum);
        if (value < minimum) {
            throw new IllegalArgumentException("parameter '" + key + "' must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    static double doubleBetween(StrategyParameters parameters, String key, double lowExclusive, double highExclusive) {
        requirePresent(parameters, key);
        double value = parameters.doubleValue(key, Double.NaN);
        if (!(value > lowExclusive && value < highExclusive)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be strictly between " + lowExclusive
                    + " and " + highExclusive + ", was " + parameters.values().get(key));
        }
        return value;
    }

    static boolean bool(StrategyParameters parameters, String key) {
        requirePresent(parameters, key);
        return parameters.booleanValue(key, false);
    }

    private static void requirePresent(StrategyParameters parameters, String key) {
        if (!parameters.values().containsKey(key)) {
            throw new IllegalArgumentException("parameter '" + key + "' is required");
        }
    }
}
