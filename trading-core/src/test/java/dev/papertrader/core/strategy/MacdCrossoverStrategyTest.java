package dev.papertrader.core.strategy;

import static dev.papertrader.core.strategy.TestBars.openTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Position;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.num.DoubleNumFactory;

class MacdCrossoverStrategyTest {

    /** Short periods so the crafted series stays small: warm-up 6 + 3 = 9 bars. */
    private static final StrategyParameters SHORT = StrategyParameters.of(
            Map.of("fastPeriod", "3", "slowPeriod", "6", "signalPeriod", "3"));

    private final MacdCrossoverStrategy definition = new MacdCrossoverStrategy();

    /**
     * Flat at 100 for bars 0–9 (MACD = signal = 0), down 2 a bar on 10–19, up 5 a bar on 20–29. A ramp down makes
     * MACD fall strictly, so its lagging signal line stays above it: no cross down at bar 10, because the lines were
     * equal (not crossed) before. The turn makes MACD jump above its signal line at bar 20: exactly one BUY there.
     */
    private static double[] vShape() {
        double[] closes = new double[30];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = i < 10 ? 100 : i < 20 ? 100 - 2 * (i - 9) : 80 + 5 * (i - 19);
        }
        return closes;
    }

    private static List<Bar> bars(double[] closes, double halfRange) {
        return IntStream.range(0, closes.length).mapToObj(i -> TestBars.bar(i, closes[i], halfRange)).toList();
    }

    @Test
    void aCrossUpAfterADeclineGivesExactlyOneBuyAtTheCrossBar() {
        double[] closes = vShape();
        // high/low 5 away from the close: every true range is 10, so ATR(14) = 10 from bar 14 on.
        List<Signal> signals = TestBars.signalsOf(definition.create("TEST", SHORT), bars(closes, 5));

        double[] macd = ReferenceMath.macd(closes, 3, 6);
        double[] histogram = ReferenceMath.minus(macd, ReferenceMath.ema(macd, 3));
        assertThat(IntStream.rangeClosed(6, 9).mapToDouble(i -> histogram[i])).containsOnly(0.0);
        assertThat(IntStream.rangeClosed(10, 19).mapToDouble(i -> histogram[i])).allMatch(h -> h < 0);
        assertThat(IntStream.rangeClosed(20, 29).mapToDouble(i -> histogram[i])).allMatch(h -> h > 0);
        // strength = |MACD − signal| / (0.1 × ATR) = |histogram(20)| / 1 ≈ 0.6747
        BigDecimal expectedStrength = BigDecimal.valueOf(Math.abs(histogram[20])).setScale(4, RoundingMode.HALF_EVEN);
        assertThat(expectedStrength).isEqualByComparingTo("0.6747");

        assertThat(signals).singleElement().satisfies(signal -> {
            assertThat(signal.type()).isEqualTo(SignalType.BUY);
            assertThat(signal.barTime()).isEqualTo(openTime(20));
            assertThat(signal.id()).isEqualTo(Signal.idFor("macd-crossover", "TEST", openTime(20), SignalType.BUY));
            assertThat(signal.strategy()).isEqualTo("macd-crossover");
            assertThat(signal.symbol()).isEqualTo("TEST");
            assertThat(signal.price()).isEqualByComparingTo("85");
            assertThat(signal.emittedAt()).isNull();
            assertThat(signal.atr()).isEqualByComparingTo("10");
            assertThat(signal.strength()).isEqualTo(expectedStrength);
        });
    }

    @Test
    void theMirroredSeriesGivesExactlyOneSell() {
        double[] closes = vShape();
        double[] mirrored = IntStream.range(0, closes.length).mapToDouble(i -> 200 - closes[i]).toArray();

        List<Signal> signals = TestBars.signalsOf(definition.create("TEST", SHORT), bars(mirrored, 5));

        assertThat(signals).singleElement().satisfies(signal -> {
            assertThat(signal.type()).isEqualTo(SignalType.SELL);
            assertThat(signal.barTime()).isEqualTo(openTime(20));
            assertThat(signal.strength()).isEqualByComparingTo("0.6747");
        });
    }

    @Test
    void noSignalBeforeTheWarmUpEvenWhenTheRuleHolds() {
        // Flat to bar 6, dip at 7, jump at 8: the ta4j cross-up rule holds at bar 8, one bar before the warm-up of
        // slowPeriod + signalPeriod = 9 ends.
        double[] closes = {100, 100, 100, 100, 100, 100, 100, 98, 105, 110, 115};
        BarSeries series = Ta4jBars.toSeries(bars(closes, 1), DoubleNumFactory.getInstance());
        Strategy strategy = definition.build(series, SHORT);
        assertThat(strategy.getEntryRule().isSatisfied(8)).isTrue();
        assertThat(strategy.getUnstableBars()).isEqualTo(9);

        TradingStrategy running = definition.create("TEST", SHORT);
        assertThat(running.warmupBars()).isEqualTo(9);
        assertThat(TestBars.signalsOf(running, bars(closes, 1))).isEmpty();
    }

    /**
     * The lead compares the monitor's signals with ta4j's own backtest: BarSeriesManager (next-open execution)
     * enters on the first BUY while flat and exits on the first SELL while long, one bar later.
     */
    @Test
    void signalsReproduceBarSeriesManagerTradeForTrade() {
        List<Bar> bars = TestBars.randomWalk(11, 3000);
        List<Signal> signals = TestBars.signalsOf(definition.create("TEST", StrategyParameters.empty()), bars);

        BarSeries series = Ta4jBars.toSeries(bars, DoubleNumFactory.getInstance());
        TradingRecord record = new BarSeriesManager(series).run(definition.build(series, StrategyParameters.empty()));

        List<int[]> fromSignals = new ArrayList<>();
        Integer entry = null;
        for (Signal signal : signals) {
            int index = (int) java.time.Duration.between(TestBars.START, signal.barTime()).toDays();
            if (index + 1 > series.getEndIndex()) {
                continue; // next-open execution has no bar left to trade on
            }
            if (entry == null && signal.type() == SignalType.BUY) {
                entry = index + 1;
            } else if (entry != null && signal.type() == SignalType.SELL) {
                fromSignals.add(new int[] {entry, index + 1});
                entry = null;
            }
        }
        List<int[]> fromManager = record.getPositions().stream()
                .map((Position p) -> new int[] {p.getEntry().getIndex(), p.getExit().getIndex()})
                .toList();

        assertThat(fromManager).hasSizeGreaterThan(50);
        assertThat(fromSignals).containsExactlyElementsOf(fromManager);
        assertThat(signals.getFirst().barTime()).isAfterOrEqualTo(openTime(35));
    }

    @Test
    void parametersAreValidatedByName() {
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("fastPeriod", "26"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'fastPeriod' must be below 'slowPeriod', was 26 >= 26");
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("signalPeriod", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'signalPeriod' must be at least 1, was 0");
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("period", "5"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown parameter 'period'; known: fastPeriod, maxBarCount");
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("maxBarCount", "36"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'maxBarCount' must be at least 37 for these parameters, was 36");
        assertThat(definition.create("TEST", StrategyParameters.of(Map.of("maxBarCount", "37"))).warmupBars())
                .isEqualTo(35);
    }
}
