package dev.papertrader.monitor.config;

import dev.papertrader.core.strategy.StrategyRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans from trading-core and the JDK the monitor injects. */
public class MonitorBeans {

    /** The strategies the watchlist can name: trading-core's built-in ones. */
    @Produces
    @Singleton
    StrategyRegistry strategyRegistry() {
        return StrategyRegistry.builtIn();
    }

    /**
     * The wall clock, used only for a signal's informational {@code emittedAt}; no decision reads it.
     */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
