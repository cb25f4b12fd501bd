package dev.papertrader.core.strategy;

import static dev.papertrader.core.strategy.TestBars.openTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.FixedRule;

class Ta4jTradingStrategyTest {

    /** Fixed rules: entry at bars 3, 20, 21, 22, exit at 21 and 40, warm-up 5. */
    private static final class FixedDefinition implements Ta4jStrategyDefinition {
        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public String description() {
            return "signals at fixed bars";
        }

        @Override
        public Map<String, String> defaultParameters() {
            return Map.of(MAX_BAR_COUNT, "1000");
        }

        @Override
        public Ta4jStrategySetup setUp(BarSeries series, StrategyParameters parameters) {
            BaseStrategy strategy = new BaseStrategy("fixed", new FixedRule(3, 20, 21, 22), new FixedRule(21, 40), 5);
            // BUY: index / 40; SELL: NaN at 21 (counts as 0), 2 at 40 (clamped to 1)
            return new Ta4jStrategySetup(strategy, List.of(),
                    (index, type) -> type == SignalType.BUY ? index / 40.0 : index == 21 ? Double.NaN : 2);
        }
    }

    @Test
    void emitsWhateverTheRulesSayAfterTheWarmUpWithoutTrackingAPosition() {
        List<Signal> signals = TestBars.signalsOf(new FixedDefinition().create("TEST", StrategyParameters.empty()),
                TestBars.randomWalk(1, 50));

        assertThat(signals).extracting(Signal::type, Signal::barTime, Signal::strength).containsExactly(
                tuple(SignalType.BUY, openTime(20), new BigDecimal("0.5000")),
                tuple(SignalType.BUY, openTime(21), new BigDecimal("0.5250")),
                tuple(SignalType.SELL, openTime(21), new BigDecimal("0.0000")),
                tuple(SignalType.BUY, openTime(22), new BigDecimal("0.5500")),
                tuple(SignalType.SELL, openTime(40), new BigDecimal("1.0000")));
    }

    @Test
    void attachesAtr14ComputedWithWilderSmoothingOfTheTrueRange() {
        List<Bar> bars = TestBars.randomWalk(1, 50);
        double[] trueRange = new double[bars.size()];
        for (int i = 0; i < bars.size(); i++) {
            double high = bars.get(i).high().doubleValue();
            double low = bars.get(i).low().doubleValue();
            double previousClose = i == 0 ? Double.NaN : bars.get(i - 1).close().doubleValue();
            trueRange[i] = i == 0 ? high - low
                    : Math.max(high - low, Math.max(Math.abs(high - previousClose), Math.abs(previousClose - low)));
        }
        double[] atr = ReferenceMath.wilder(trueRange, 14);

        List<Signal> signals = TestBars.signalsOf(new FixedDefinition().create("TEST", StrategyParameters.empty()),
                bars);

        Signal atBar20 = signals.getFirst();
        assertThat(atBar20.atr()).isEqualTo(BigDecimal.valueOf(atr[20]).round(new MathContext(10, RoundingMode.HALF_EVEN)));
        assertThat(atBar20.price()).isEqualTo(bars.get(20).close());
        assertThat(atBar20.id()).isEqualTo(Signal.idFor("fixed", "TEST", openTime(20), SignalType.BUY));
    }

    @Test
    void olderOrRepeatedBarsAreIgnored() {
        List<Bar> bars = TestBars.randomWalk(3, 400);
        List<Signal> clean = TestBars.signalsOf(StrategyRegistry.builtIn().create("macd-crossover", "TEST",
                StrategyParameters.empty()), bars);

        TradingStrategy strategy = StrategyRegistry.builtIn().create("macd-crossover", "TEST",
                StrategyParameters.empty());
        List<Signal> withReplays = new ArrayList<>();
        List<Signal> fromReplays = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            withReplays.addAll(strategy.onBar(bars.get(i)));
            fromReplays.addAll(strategy.onBar(bars.get(i)));
            if (i > 0) {
                fromReplays.addAll(strategy.onBar(bars.get(i - 1)));
            }
        }

        assertThat(clean).isNotEmpty();
        assertThat(fromReplays).isEmpty();
        assertThat(withReplays).isEqualTo(clean);
    }

    @Test
    void rejectsBarsOfAnotherSymbolOrTimeframe() {
        TradingStrategy strategy = new MacdCrossoverStrategy().create("TEST", StrategyParameters.empty());
        Bar first = TestBars.bar(0, 100);
        strategy.onBar(first);

        Bar otherSymbol = new Bar("OTHER", "1d", openTime(1), first.open(), first.high(), first.low(), first.close(),
                first.volume());
        Bar otherTimeframe = new Bar("TEST", "1h", openTime(1), first.open(), first.high(), first.low(), first.close(),
                first.volume());
        assertThatThrownBy(() -> strategy.onBar(otherSymbol))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy macd-crossover for TEST was given a bar of OTHER");
        assertThatThrownBy(() -> strategy.onBar(otherTimeframe))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy macd-crossover for TEST runs on 1d bars, was given a 1h bar");
    }

    @Test
    void aBlankSymbolIsRejected() {
        assertThatThrownBy(() -> new MacdCrossoverStrategy().create(" ", StrategyParameters.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol is required");
    }

    static Stream<Arguments> seedStrategies() {
        return Stream.of(
                Arguments.of("macd-crossover", Map.of()),
                Arguments.of("rsi-divergence", Map.of()),
                Arguments.of("tsi-momentum", Map.of()),
                Arguments.of("tsi-momentum", Map.of("zeroLineConfirm", "true")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seedStrategies")
    void sameBarsGiveTheSameSignalsAndIds(String name, Map<String, String> parameters) {
        List<Bar> bars = TestBars.randomWalk(99, 2000);
        StrategyRegistry registry = StrategyRegistry.builtIn();

        List<Signal> first = TestBars.signalsOf(registry.create(name, "TEST", StrategyParameters.of(parameters)), bars);
        List<Signal> second = TestBars.signalsOf(registry.create(name, "TEST", StrategyParameters.of(parameters)), bars);

        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(first).allSatisfy(signal -> {
            assertThat(signal.id()).isEqualTo(Signal.idFor(name, "TEST", signal.barTime(), signal.type()));
            assertThat(signal.strength()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
            assertThat(signal.atr()).isPositive();
        });
    }

    /**
     * A long-running monitor keeps at most maxBarCount bars; over 5000 bars (far more than the default 1000 and the
     * smallest allowed maximum) the signals equal those of an unbounded series, one for one.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seedStrategies")
    void aBoundedSeriesGivesTheSameSignalsAsAnUnboundedOne(String name, Map<String, String> parameters) {
        List<Bar> bars = TestBars.randomWalk(2024, 5000);
        StrategyRegistry registry = StrategyRegistry.builtIn();
        Ta4jTradingStrategy unbounded = create(registry, name, parameters, Integer.MAX_VALUE);
        Ta4jTradingStrategy byDefault = (Ta4jTradingStrategy) registry.create(name, "TEST",
                StrategyParameters.of(parameters));
        Ta4jTradingStrategy smallest = create(registry, name, parameters, byDefault.warmupBars() + 2);

        List<Signal> expected = TestBars.signalsOf(unbounded, bars);
        List<Signal> withDefault = TestBars.signalsOf(byDefault, bars);
        List<Signal> withSmallest = TestBars.signalsOf(smallest, bars);

        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(withDefault).isEqualTo(expected);
        assertThat(withSmallest).isEqualTo(expected);
        assertThat(unbounded.heldBarCount()).isEqualTo(5000);
        assertThat(byDefault.maxBarCount()).isEqualTo(1000);
        assertThat(byDefault.heldBarCount()).isEqualTo(1000);
        assertThat(smallest.heldBarCount()).isEqualTo(byDefault.warmupBars() + 2);
    }

    /**
     * Bar by bar (bounded series, each value computed once as its bar arrives) the signals are exactly those of
     * ta4j's strategy evaluated on the whole series at once: a BUY at bar i iff shouldEnter(i), a SELL iff
     * shouldExit(i), with ATR(14) of the whole series at i.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seedStrategies")
    void signalsAreWhereTa4jRulesHoldOnTheWholeSeries(String name, Map<String, String> parameters) {
        List<Bar> bars = TestBars.randomWalk(7, 6000);
        Ta4jStrategyDefinition definition = (Ta4jStrategyDefinition) StrategyRegistry.builtIn().find(name)
                .orElseThrow();
        BarSeries series = Ta4jBars.toSeries(bars, DoubleNumFactory.getInstance());
        org.ta4j.core.Strategy whole = definition.build(series, StrategyParameters.of(parameters));
        ATRIndicator atr = new ATRIndicator(series, Ta4jTradingStrategy.ATR_PERIOD);
        List<Tuple> expected = new ArrayList<>();
        for (int i = series.getBeginIndex(); i <= series.getEndIndex(); i++) {
            if (whole.shouldEnter(i)) {
                expected.add(tuple(SignalType.BUY, bars.get(i).openTime(), atrOf(atr, i)));
            }
            if (whole.shouldExit(i)) {
                expected.add(tuple(SignalType.SELL, bars.get(i).openTime(), atrOf(atr, i)));
            }
        }

        List<Signal> signals = TestBars.signalsOf(definition.create("TEST", StrategyParameters.of(parameters)), bars);

        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(signals).extracting(Signal::type, Signal::barTime, Signal::atr).containsExactlyElementsOf(expected);
    }

    private static BigDecimal atrOf(ATRIndicator atr, int index) {
        return BigDecimal.valueOf(atr.getValue(index).doubleValue()).round(new MathContext(10, RoundingMode.HALF_EVEN));
    }

    private static Ta4jTradingStrategy create(StrategyRegistry registry, String name, Map<String, String> parameters,
            int maxBarCount) {
        var values = new java.util.HashMap<>(parameters);
        values.put("maxBarCount", String.valueOf(maxBarCount));
        return (Ta4jTradingStrategy) registry.create(name, "TEST", StrategyParameters.of(values));
    }
}
