package dev.papertrader.core.strategy;

import static dev.papertrader.core.strategy.TestBars.openTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RsiDivergenceStrategyTest {

    /** RSI(3) and a 5-bar window: warm-up 3 + 5 = 8 bars. */
    private static final StrategyParameters SHORT = StrategyParameters.of(Map.of("rsiPeriod", "3", "lookback", "5"));

    /**
     * Zig-zag around 100 (bars 0–8), a slide to a first low of 98 at bar 10, a bounce to 104, a lower low of 95 at bar
     * 13, then a recovery. Wilder averages of RSI(3) (α = 1/3, seeded with bar 3's gain 1 and loss 0), as fractions:
     * <pre>
     * bar  change  avgGain          avgLoss           RSI = 100 · gain / (gain + loss)
     *  3    +1     1                0                 100
     *  4    −1     2/3              1/3               66.67
     *  ...  (alternating ±1, then −1, −1)
     * 10    −1     440/2187         1747/2187         44000/2187 = 20.119   (oversold: first low)
     * 11    +3     7441/6561        3494/6561         68.05
     * 12    +3     34565/19683      6988/19683        83.18
     * 13    −9     69130/59049      191123/59049      6913000/260253 = 26.563 (higher low in RSI)
     * </pre>
     * At bar 13 the window 8–12 closes 100, 99, 98, 101, 104: its lowest is bar 10 (98 &gt; 95, and 10 ≤ 13 − 2).
     * At bar 10 itself the window's lowest, 99 at bar 9, is too close. Nothing else diverges.
     */
    private static final double[] DOUBLE_BOTTOM = {100, 101, 100, 101, 100, 101, 100, 101, 100, 99, 98, 101, 104, 95,
            98, 101, 104, 103, 105};

    private final RsiDivergenceStrategy definition = new RsiDivergenceStrategy();

    private static List<Bar> bars(double[] closes) {
        return IntStream.range(0, closes.length).mapToObj(i -> TestBars.bar(i, closes[i])).toList();
    }

    @Test
    void aLowerLowWithAHigherRsiLowFromOversoldGivesOneBuy() {
        List<Signal> signals = TestBars.signalsOf(definition.create("TEST", SHORT), bars(DOUBLE_BOTTOM));

        double rsiAtFirstLow = 44000.0 / 2187;
        double rsiAtSecondLow = 6913000.0 / 260253;
        BigDecimal expectedStrength = BigDecimal.valueOf((rsiAtSecondLow - rsiAtFirstLow) / 10)
                .setScale(4, RoundingMode.HALF_EVEN);
        assertThat(expectedStrength).isEqualByComparingTo("0.6444");
        assertThat(signals).singleElement().satisfies(signal -> {
            assertThat(signal.type()).isEqualTo(SignalType.BUY);
            assertThat(signal.barTime()).isEqualTo(openTime(13));
            assertThat(signal.price()).isEqualByComparingTo("95");
            assertThat(signal.strength()).isEqualTo(expectedStrength);
            assertThat(signal.atr()).isNull(); // ATR(14) is not defined before bar 14
        });
    }

    @Test
    void theMirroredSeriesGivesOneSell() {
        double[] mirrored = IntStream.range(0, DOUBLE_BOTTOM.length).mapToDouble(i -> 200 - DOUBLE_BOTTOM[i])
                .toArray();

        List<Signal> signals = TestBars.signalsOf(definition.create("TEST", SHORT), bars(mirrored));

        assertThat(signals).singleElement().satisfies(signal -> {
            assertThat(signal.type()).isEqualTo(SignalType.SELL);
            assertThat(signal.barTime()).isEqualTo(openTime(13));
            assertThat(signal.strength()).isEqualByComparingTo("0.6444");
        });
    }

    @Test
    void noBuyWhenRsiWasNotOversoldAtTheEarlierLow() {
        // RSI at the first low is 20.1: an oversold level of 20 no longer counts it.
        Map<String, String> values = new HashMap<>(SHORT.values());
        values.put("oversold", "20");

        assertThat(TestBars.signalsOf(definition.create("TEST", StrategyParameters.of(values)), bars(DOUBLE_BOTTOM)))
                .isEmpty();
    }

    @Test
    void noBuyWhenTheLowsAreAdjacent() {
        // Same closes, but the second low comes right after the first: no bar between them closed higher.
        double[] adjacent = {100, 101, 100, 101, 100, 101, 100, 101, 100, 99, 98, 95, 98, 101};

        assertThat(TestBars.signalsOf(definition.create("TEST", SHORT), bars(adjacent))).isEmpty();
    }

    /**
     * Every bar of a long random walk, with the default parameters: a signal is emitted exactly when the rule's
     * definition holds, evaluated here with plain loops over the closes and the RSI values of {@link IndicatorTable}.
     */
    @Test
    void signalsMatchTheDefinitionOnEveryBarOfARandomWalk() {
        List<Bar> bars = TestBars.randomWalk(5, 4000);
        List<IndicatorRow> rows = IndicatorTable.compute(bars);
        double[] closes = bars.stream().mapToDouble(bar -> bar.close().doubleValue()).toArray();

        Map<Integer, SignalType> expected = new HashMap<>();
        for (int t = 28; t < bars.size(); t++) {
            if (diverges(closes, rows, t, true)) {
                expected.put(t, SignalType.BUY);
            }
            if (diverges(closes, rows, t, false)) {
                expected.put(t, SignalType.SELL);
            }
        }
        Map<Integer, SignalType> actual = TestBars.signalsOf(
                definition.create("TEST", StrategyParameters.empty()), bars).stream()
                .collect(Collectors.toMap(s -> (int) java.time.Duration.between(TestBars.START, s.barTime()).toDays(),
                        Signal::type));

        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(expected.values()).contains(SignalType.BUY, SignalType.SELL);
        assertThat(actual).isEqualTo(expected);
    }

    private static boolean diverges(double[] closes, List<IndicatorRow> rows, int t, boolean bullish) {
        int extreme = -1;
        for (int i = t - 14; i < t; i++) {
            if (extreme < 0 || (bullish ? closes[i] <= closes[extreme] : closes[i] >= closes[extreme])) {
                extreme = i;
            }
        }
        boolean priceBreaks = bullish ? closes[t] < closes[extreme] : closes[t] > closes[extreme];
        double rsiNow = rows.get(t).rsi14();
        double rsiThen = rows.get(extreme).rsi14();
        boolean rsiDisagrees = bullish ? rsiNow > rsiThen && rsiThen < 30 : rsiNow < rsiThen && rsiThen > 70;
        return priceBreaks && extreme <= t - 2 && rsiDisagrees;
    }

    @Test
    void parametersAreValidatedByName() {
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("oversold", "75"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'oversold' must be below 'overbought', was 75.0 >= 70.0");
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("overbought", "100"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'overbought' must be strictly between 0.0 and 100.0, was 100");
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("lookback", "1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'lookback' must be at least 2, was 1");
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("rsiPeriod", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'rsiPeriod' must be an integer, was 'x'");
        assertThat(definition.create("TEST", StrategyParameters.empty()).warmupBars()).isEqualTo(28);
    }
}
