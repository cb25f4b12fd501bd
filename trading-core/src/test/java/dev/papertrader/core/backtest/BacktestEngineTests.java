package dev.papertrader.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.data.SyntheticBars;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.Sizing;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestEngineTests {

    static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

    static List<Bar> synthetic(List<String> symbols, int bars) {
        return SyntheticBars.generate(42, symbols, "1d", START, Duration.ofDays(1), bars);
    }

    static BacktestConfig config(List<StrategySpec> strategies) {
        RouterConfig router = RouterConfig.defaults().withSizing(new Sizing.PercentOfEquity(new BigDecimal("20")))
                .withLongOnly(false);
        return new BacktestConfig("acct", new BigDecimal("100000"), strategies, router, ExecutionConfig.defaults(),
                PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
    }

    static final List<StrategySpec> ALL_SEEDS = List.of(StrategySpec.of("macd-crossover"),
            StrategySpec.of("rsi-divergence"), StrategySpec.of("tsi-momentum"));

    @Test
    void sameInputGivesIdenticalResults() {
        List<Bar> bars = synthetic(List.of("AAA", "BBB", "CCC"), 600);
        BacktestResult first = new BacktestEngine(config(ALL_SEEDS)).run(bars);
        BacktestResult second = new BacktestEngine(config(ALL_SEEDS)).run(bars);

        assertThat(first.orders()).as("the run trades").isNotEmpty();
        assertThat(second.signals()).isEqualTo(first.signals());
        assertThat(second.decisions()).isEqualTo(first.decisions());
        assertThat(second.executions()).isEqualTo(first.executions());
        assertThat(second.trades()).isEqualTo(first.trades());
        assertThat(second.equityCurve()).isEqualTo(first.equityCurve());
    }

    @Test
    void everySignalGetsOneDecisionAndEveryMarketOrderFillsOnTheNextBarOfItsSymbol() {
        List<Bar> bars = synthetic(List.of("AAA", "BBB"), 400);
        BacktestResult result = new BacktestEngine(config(ALL_SEEDS)).run(bars);

        assertThat(result.decisions()).hasSameSizeAs(result.signals());
        Map<String, List<Bar>> bySymbol = new HashMap<>();
        for (Bar bar : bars) {
            bySymbol.computeIfAbsent(bar.symbol(), s -> new ArrayList<>()).add(bar);
        }
        Map<String, Order> orders = new HashMap<>();
        result.orders().forEach(order -> orders.put(order.id(), order));
        for (Fill fill : result.fills()) {
            Order order = orders.get(fill.orderId());
            Bar next = bySymbol.get(order.symbol()).stream()
                    .filter(bar -> bar.openTime().isAfter(order.createdAt())).findFirst().orElseThrow();
            assertThat(fill.filledAt()).isEqualTo(next.openTime());
            assertThat(fill.price()).isEqualByComparingTo(next.open());
        }
    }

    @Test
    void theEquityCurveHasOnePointPerTimeSliceAndEndsAtTheFinalEquity() {
        List<Bar> bars = synthetic(List.of("AAA", "BBB", "CCC"), 300);
        BacktestResult result = new BacktestEngine(config(ALL_SEEDS)).run(bars);

        assertThat(result.bars()).isEqualTo(900);
        assertThat(result.equityCurve()).hasSize(300);
        assertThat(result.equityCurve().get(299).equity()).isEqualByComparingTo(result.stats().finalEquity());
        assertThat(result.finalSnapshot().equity()).isEqualByComparingTo(result.stats().finalEquity());
    }

    @Test
    void refusesBarsOutOfTimeOrderAndUnknownStrategies() {
        List<Bar> bars = new ArrayList<>(synthetic(List.of("AAA"), 10));
        java.util.Collections.swap(bars, 3, 4);
        assertThatThrownBy(() -> new BacktestEngine(config(ALL_SEEDS)).run(bars))
                .hasMessageContaining("bars must be in time order");
        assertThatThrownBy(() -> new BacktestEngine(config(List.of(StrategySpec.of("nope")))))
                .hasMessageContaining("unknown strategy 'nope'");
    }
}
