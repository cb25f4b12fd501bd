package dev.papertrader.monitor.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.monitor.TestData;
import dev.papertrader.monitor.feed.SyntheticFeed;
import dev.papertrader.monitor.feed.TimeSlice;
import dev.papertrader.monitor.strategy.StrategyRunner.EmittedSignal;
import dev.papertrader.monitor.watchlist.WatchlistEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyRunnerTests {

    static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
    static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");
    static final List<String> SEEDS = List.of("macd-crossover", "rsi-divergence", "tsi-momentum");
    static final int SLICES = 400;

    static List<TimeSlice> slices() {
        return TestData.drain(new SyntheticFeed(42, SYMBOLS, "1d", START, SLICES), SLICES);
    }

    /** Every symbol × every seed strategy, symbol by symbol (the order the monitor seeds its watchlist in). */
    static List<WatchlistEntry> watchlist() {
        List<WatchlistEntry> entries = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            for (String strategy : SEEDS) {
                entries.add(new WatchlistEntry(entries.size() + 1, symbol, "1d", strategy, Map.of(), true));
            }
        }
        return entries;
    }

    static StrategyRunner runner(List<WatchlistEntry> entries) {
        StrategyRunner runner = new StrategyRunner(StrategyRegistry.builtIn());
        entries.forEach(runner::start);
        return runner;
    }

    static List<Signal> run(StrategyRunner runner, List<TimeSlice> slices) {
        List<Signal> signals = new ArrayList<>();
        for (TimeSlice slice : slices) {
            runner.onSlice(slice).forEach(emitted -> signals.add(emitted.signal()));
        }
        return signals;
    }

    @Test
    void theSignalsAreTheBacktestEnginesInTheSameOrder() {
        List<TimeSlice> slices = slices();
        List<Bar> bars = slices.stream().flatMap(slice -> slice.bars().stream()).toList();
        BacktestConfig config = new BacktestConfig("acct", new BigDecimal("100000"),
                SEEDS.stream().map(StrategySpec::of).toList(), RouterConfig.defaults(), ExecutionConfig.defaults(),
                PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
        List<Signal> backtest = new BacktestEngine(config).run(bars).signals();

        List<Signal> live = run(runner(watchlist()), slices);

        assertThat(backtest).hasSizeGreaterThan(30);
        assertThat(live).isEqualTo(backtest);
    }

    @Test
    void eachSignalNamesTheWatchlistEntryThatEmittedIt() {
        List<WatchlistEntry> entries = watchlist();
        StrategyRunner runner = runner(entries);

        for (TimeSlice slice : slices()) {
            for (EmittedSignal emitted : runner.onSlice(slice)) {
                WatchlistEntry entry = entries.get((int) emitted.watchlistId() - 1);
                assertThat(emitted.signal().symbol()).isEqualTo(entry.symbol());
                assertThat(emitted.signal().strategy()).isEqualTo(entry.strategy());
                assertThat(emitted.timeframe()).isEqualTo("1d");
                assertThat(emitted.signal().emittedAt()).isNull();
            }
        }
    }

    @Test
    void aFreshInstanceWarmedUpOnTheStoredBarsContinuesLikeTheUninterruptedOne() {
        List<TimeSlice> slices = slices();
        List<Signal> uninterrupted = run(runner(watchlist()), slices);
        int restartAt = 237;
        Instant restartTime = slices.get(restartAt).time();

        StrategyRunner restarted = runner(watchlist());
        for (String symbol : SYMBOLS) {
            List<Bar> stored = slices.subList(0, restartAt).stream().flatMap(slice -> slice.bars().stream())
                    .filter(bar -> bar.symbol().equals(symbol)).toList();
            StrategyRunner.warmUp(restarted.running().stream()
                    .filter(instance -> instance.instrument().symbol().equals(symbol)).toList(), stored);
        }
        List<Signal> afterRestart = run(restarted, slices.subList(restartAt, slices.size()));

        List<Signal> expected = uninterrupted.stream().filter(s -> !s.barTime().isBefore(restartTime)).toList();
        assertThat(expected).isNotEmpty();
        assertThat(afterRestart).isEqualTo(expected);
    }

    @Test
    void entriesRunInIdOrderWhateverTheOrderTheyWereStartedIn() {
        List<WatchlistEntry> entries = new ArrayList<>(watchlist());
        List<WatchlistEntry> reversed = new ArrayList<>(entries);
        Collections.reverse(reversed);

        assertThat(run(runner(reversed), slices())).isEqualTo(run(runner(entries), slices()));
    }

    @Test
    void onlyEntriesOfTheBarsSymbolAndTimeframeSeeTheBar() {
        StrategyRunner runner = runner(List.of(
                new WatchlistEntry(1, "AAA", "5m", "macd-crossover", Map.of(), true),
                new WatchlistEntry(2, "ZZZ", "1d", "macd-crossover", Map.of(), true),
                new WatchlistEntry(3, "BBB", "P1D", "rsi-divergence", Map.of(), true)));

        List<EmittedSignal> signals = new ArrayList<>();
        slices().forEach(slice -> signals.addAll(runner.onSlice(slice)));

        assertThat(signals).isNotEmpty().allSatisfy(emitted -> {
            assertThat(emitted.watchlistId()).isEqualTo(3);
            assertThat(emitted.signal().symbol()).isEqualTo("BBB");
        });
    }

    @Test
    void stoppingAnEntryRemovesItsInstanceAndStartingItAgainReplacesIt() {
        StrategyRunner runner = runner(watchlist());
        runner.stop(2);
        runner.stop(99);

        assertThat(runner.running()).extracting(StrategyRunner.Running::watchlistId)
                .containsExactly(1L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        StrategyRunner.Running first = runner.running().get(0);
        runner.start(new WatchlistEntry(1, "AAA", "1d", "macd-crossover", Map.of("fastPeriod", "5"), true));
        assertThat(runner.running().get(0).strategy()).isNotSameAs(first.strategy());
        runner.clear();
        assertThat(runner.running()).isEmpty();
    }

    @Test
    void anInvalidEntryIsRejectedByTheRegistry() {
        StrategyRunner runner = new StrategyRunner(StrategyRegistry.builtIn());

        assertThatThrownBy(() -> runner.start(new WatchlistEntry(1, "AAA", "1d", "nope", Map.of(), true)))
                .hasMessageContaining("unknown strategy 'nope'");
        assertThatThrownBy(() -> runner.start(new WatchlistEntry(1, "AAA", "1d", "macd-crossover",
                Map.of("fastPeriod", "x"), true))).hasMessageContaining("fastPeriod");
        assertThat(runner.running()).isEmpty();
    }
}
