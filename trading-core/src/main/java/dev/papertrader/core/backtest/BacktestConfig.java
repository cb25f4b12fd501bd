package dev.papertrader.core.backtest;

import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything a backtest run depends on. The live services are configured with the same pieces, so a
 * backtest and a live replay with equal configuration make equal decisions.
 *
 * @param tradingDayZone zone whose calendar days delimit a trading day (daily loss limit, day start equity)
 */
public record BacktestConfig(String accountId, BigDecimal startingCash, List<StrategySpec> strategies,
        RouterConfig router, ExecutionConfig execution, PerformanceParameters performance, ZoneId tradingDayZone) {

    public BacktestConfig {
        strategies = List.copyOf(strategies);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("at least one strategy is required");
        }
        if (startingCash.signum() <= 0) {
            throw new IllegalArgumentException("starting cash must be positive");
        }
    }
}
