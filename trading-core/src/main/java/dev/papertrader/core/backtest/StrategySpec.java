package dev.papertrader.core.backtest;

import java.util.Map;

/** A strategy to run, by registry name, with its parameters (defaults fill what is missing). */
public record StrategySpec(String name, Map<String, String> parameters) {

    public StrategySpec {
        parameters = Map.copyOf(parameters);
    }

    public static StrategySpec of(String name) {
        return new StrategySpec(name, Map.of());
    }
}
