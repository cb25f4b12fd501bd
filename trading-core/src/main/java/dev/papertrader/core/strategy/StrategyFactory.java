package dev.papertrader.core.strategy;

import java.util.Map;

/** Knows one strategy: its name, what it does, its parameters, and how to start an instance for a symbol. */
public interface StrategyFactory {

    /** Unique registry name, lower-case words joined by hyphens, e.g. {@code macd-crossover}. */
    String name();

    /** One sentence on the rule, for users choosing a strategy. */
    String description();

    /** Every parameter the strategy accepts with its default value; any other key is rejected. */
    Map<String, String> defaultParameters();

    /**
     * A new, independent instance following {@code symbol}.
     *
     * @throws IllegalArgumentException naming the parameter, if one is unknown or its value is invalid
     */
    TradingStrategy create(String symbol, StrategyParameters parameters);
}
