package dev.papertrader.core.bench;

import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.BacktestResult;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.data.SyntheticBars;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.Sizing;
import dev.papertrader.core.strategy.StrategyParameters;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.core.strategy.Ta4jBars;
import dev.papertrader.core.strategy.Ta4jStrategyDefinition;
import dev.papertrader.core.strategy.TradingStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ta4j.core.BarSeries;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.NumFactory;

/**
 * Bars per second of each seed strategy over one million synthetic bars, three ways:
 * <ul>
 * <li>{@link #engine}: the full {@link BacktestEngine} (strategy, router, simulated exchange, account, equity curve,
 * statistics) with the reference configuration: all-in, fractional, long only, next-open fills, no costs;</li>
 * <li>{@link #ta4j}: ta4j's own {@link BarSeriesManager} running the same ta4j strategy on a series of the same bars
 * (next-open trades, no costs), with doubles ({@link DoubleNumFactory}, what our strategies use) or
 * {@link DecimalNumFactory};</li>
 * <li>{@link #strategyOnly}: our {@link TradingStrategy} alone, bar by bar, to split the engine's own cost from the
 * indicators'.</li>
 * </ul>
 * Bars (and ta4j's series) are built once per trial, outside the measurement; a ta4j strategy is built inside it,
 * because its indicators cache every value they compute. One operation is one bar, so JMH's ops/s is bars/s.
 *
 * <p>Run with {@code ./papertrader bench} (any JMH options follow, e.g. {@code ./papertrader bench engine -p
 * strategy=macd-crossover -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BacktestBenchmark.BAR_COUNT)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class BacktestBenchmark {

    /** Bars per run. */
    public static final int BAR_COUNT = 1_000_000;
    static final long SEED = 20_261_123L;
    static final String SYMBOL = "SYN";
    static final BigDecimal STARTING_CASH = new BigDecimal("10000");

    @Param({"macd-crossover", "rsi-divergence", "tsi-momentum"})
    public String strategy;

    /** One symbol's one-minute bars, seeded, generated once per trial. */
    @State(Scope.Benchmark)
    public static class Bars {
        List<Bar> bars;

        @Setup
        public void generate() {
            bars = syntheticBars(BAR_COUNT);
        }
    }

    /** The same bars as a ta4j series, in the chosen number type. */
    @State(Scope.Benchmark)
    public static class Series {
        /** {@code double}: {@link DoubleNumFactory} (as our strategies); {@code decimal}: {@link DecimalNumFactory}. */
        @Param({"double", "decimal"})
        public String num;

        BarSeries series;

        @Setup
        public void build() {
            series = Ta4jBars.toSeries(syntheticBars(BAR_COUNT), numFactory(num));
        }
    }

    @Benchmark
    public BacktestResult engine(Bars bars) {
        return runEngine(strategy, bars.bars);
    }

    @Benchmark
    public TradingRecord ta4j(Series series) {
        return runTa4j(strategy, series.series);
    }

    @Benchmark
    public int strategyOnly(Bars bars) {
        return runStrategyOnly(strategy, bars.bars);
    }

    // --- the measured work, shared with the tests that check the three runs agree --------------------------

    static BacktestResult runEngine(String strategyName, List<Bar> bars) {
        return new BacktestEngine(referenceConfig(strategyName)).run(bars);
    }

    static TradingRecord runTa4j(String strategyName, BarSeries series) {
        Ta4jStrategyDefinition definition = (Ta4jStrategyDefinition) StrategyRegistry.builtIn().find(strategyName)
                .orElseThrow();
        return new BarSeriesManager(series).run(definition.build(series, StrategyParameters.empty()));
    }

    /** @return the number of signals, so the work cannot be optimised away */
    static int runStrategyOnly(String strategyName, List<Bar> bars) {
        TradingStrategy running = StrategyRegistry.builtIn().create(strategyName, SYMBOL, StrategyParameters.empty());
        int signals = 0;
        for (Bar bar : bars) {
            signals += running.onBar(bar).size();
        }
        return signals;
    }

    /** The backtest command's reference run: all-in, fractional, long only, next-open, no costs, 10,000 cash. */
    static BacktestConfig referenceConfig(String strategyName) {
        RouterConfig router = RouterConfig.defaults().withSizing(new Sizing.AllIn()).withFractional(true)
                .withLongOnly(true);
        return new BacktestConfig("bench", STARTING_CASH, List.of(StrategySpec.of(strategyName)), router,
                ExecutionConfig.defaults(), PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
    }

    static List<Bar> syntheticBars(int count) {
        return SyntheticBars.generate(SEED, List.of(SYMBOL), "1m", Instant.parse("2024-01-01T00:00:00Z"),
                Duration.ofMinutes(1), count);
    }

    static NumFactory numFactory(String name) {
        return switch (name) {
            case "double" -> DoubleNumFactory.getInstance();
            case "decimal" -> DecimalNumFactory.getInstance();
            default -> throw new IllegalArgumentException("num must be double or decimal, was " + name);
        };
    }
}
