package dev.papertrader.monitor.watchlist;

import dev.papertrader.core.strategy.StrategyFactory;
import dev.papertrader.core.strategy.StrategyParameters;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.monitor.feed.Instrument;
import dev.papertrader.service.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a watchlist entry against the strategy registry before it is stored: the timeframe must be a positive
 * duration, the strategy a registered name, and the parameters ones the strategy accepts with valid values (the
 * registry creates a throw-away instance, so every rule of the strategy applies). A failure is a 400 problem naming
 * the field and the registry's reason.
 */
@ApplicationScoped
public class WatchlistValidator {

    private final StrategyRegistry registry;

    public WatchlistValidator(StrategyRegistry registry) {
        this.registry = registry;
    }

    /**
     * The entry with its symbol trimmed and its timeframe normalized ({@code P1D} becomes {@code 1d}).
     *
     * @throws ProblemException 400 naming {@code timeframe}, {@code strategy} or {@code parameters}
     */
    public WatchlistEntry validated(WatchlistEntry entry) {
        String symbol = entry.symbol().strip();
        String timeframe;
        try {
            timeframe = Instrument.normalizeTimeframe(entry.timeframe());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("timeframe", e.getMessage());
        }
        StrategyFactory factory = registry.find(entry.strategy().strip()).orElseThrow(() -> ProblemException.badRequest(
                "strategy", "unknown strategy '" + entry.strategy() + "'; known: "
                        + String.join(", ", registry.all().stream().map(StrategyFactory::name).toList())));
        try {
            registry.create(factory.name(), symbol, StrategyParameters.of(entry.parameters()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("parameters", e.getMessage());
        }
        return new WatchlistEntry(entry.id(), symbol, timeframe, factory.name(), entry.parameters(), entry.enabled());
    }

    /** The parameters the strategy runs with: the entry's, completed by the strategy's defaults. */
    public Map<String, String> effectiveParameters(WatchlistEntry entry) {
        return registry.find(entry.strategy())
                .map(factory -> StrategyParameters.of(entry.parameters()).withDefaults(factory.defaultParameters()).values())
                .orElseGet(() -> new TreeMap<>(entry.parameters()));
    }
}
