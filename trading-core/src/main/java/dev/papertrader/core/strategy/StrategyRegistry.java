package dev.papertrader.core.strategy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The strategies known by name. Immutable: {@link #with} returns a new registry. */
public final class StrategyRegistry {

    private final Map<String, StrategyFactory> factories;

    private StrategyRegistry(Map<String, StrategyFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** The seed strategies: {@code macd-crossover}, {@code rsi-divergence}, {@code tsi-momentum}. */
    public static StrategyRegistry builtIn() {
        return new StrategyRegistry(new LinkedHashMap<>())
                .with(new MacdCrossoverStrategy())
                .with(new RsiDivergenceStrategy())
                .with(new TsiMomentumStrategy());
    }

    public Optional<StrategyFactory> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /**
     * A new instance of strategy {@code name} following {@code symbol}.
     *
     * @throws IllegalArgumentException {@code unknown strategy 'x'; known: a, b, c} for an unknown name, or naming
     *                                  the parameter that is unknown or invalid
     */
    public TradingStrategy create(String name, String symbol, StrategyParameters parameters) {
        StrategyFactory factory = find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown strategy '" + name + "'; known: " + String.join(", ", factories.keySet())));
        return factory.create(symbol, parameters);
    }

    /** Every strategy, in registration order. */
    public Collection<StrategyFactory> all() {
        return factories.values();
    }

    /**
     * This registry plus {@code extra}.
     *
     * @throws IllegalArgumentException if a strategy of that name is already registered
     */
    public StrategyRegistry with(StrategyFactory extra) {
        Objects.requireNonNull(extra, "extra is required");
        String name = extra.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a strategy needs a name");
        }
        if (factories.containsKey(name)) {
            throw new IllegalArgumentException("strategy '" + name + "' is already registered");
        }
        Map<String, StrategyFactory> extended = new LinkedHashMap<>(factories);
        extended.put(name, extra);
        return new StrategyRegistry(extended);
    }
}
