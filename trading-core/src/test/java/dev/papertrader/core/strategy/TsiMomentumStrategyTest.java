package dev.papertrader.core.strategy;

import static dev.papertrader.core.strategy.TestBars.openTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TsiMomentumStrategyTest {

    /** TSI(3, 2) with a 2-bar signal line: TSI defined from bar 5, warm-up 3 + 2 + 2 = 7 bars. */
    private static final Map<String, String> SHORT = Map.of("longPeriod", "3", "shortPeriod", "2", "signalPeriod", "2");

    private final TsiMomentumStrategy definition = new TsiMomentumStrategy();

    private static StrategyParameters shortWith(String zeroLineConfirm) {
        var values = new java.util.HashMap<>(SHORT);
        values.put("zeroLineConfirm", zeroLineConfirm);
        return StrategyParameters.of(values);
    }

    private static List<Bar> bars(double[] closes) {
        return IntStream.range(0, closes.length).mapToObj(i -> TestBars.bar(i, closes[i])).toList();
    }

    /**
     * Up 1 a bar on 0–9 (every change positive: TSI = signal = 100 exactly, equal, so the turn is no cross down),
     * down 2 a bar on 10–17 (TSI falls strictly, its lagging signal line stays above), up 3 a bar on 18–24: TSI
     * jumps above its signal line at bar 18, still below zero (about −13.8 against −42.0).
     */
    private static double[] riseFallRise() {
        double[] closes = new double[25];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = i < 10 ? 100 + i : i < 18 ? 109 - 2 * (i - 9) : 93 + 3 * (i - 17);
        }
        return closes;
    }

    @Test
    void aCrossUpGivesExactlyOneBuyAtTheCrossBar() {
        double[] closes = riseFallRise();
        double[] tsi = ReferenceMath.tsi(closes, 3, 2);
        double[] signalLine = ReferenceMath.ema(tsi, 2);
        assertThat(tsi[17]).isLessThan(signalLine[17]);
        assertThat(tsi[18]).isGreaterThan(signalLine[18]).isNegative();

        List<Signal> signals = TestBars.signalsOf(definition.create("TEST", shortWith("false")), bars(closes));

        assertThat(signals).singleElement().satisfies(signal -> {
            assertThat(signal.type()).isEqualTo(SignalType.BUY);
            assertThat(signal.barTime()).isEqualTo(openTime(18));
            assertThat(signal.price()).isEqualByComparingTo("96");
            // |TSI − signal| ≈ 28 TSI points, far above the 3 points of full strength
            assertThat(signal.strength()).isEqualByComparingTo("1");
        });
    }

    @Test
    void zeroLineConfirmDropsABuyBelowZero() {
        assertThat(TestBars.signalsOf(definition.create("TEST", shortWith("true")), bars(riseFallRise()))).isEmpty();
    }

    @Test
    void zeroLineConfirmKeepsCrossesOnTheRightSideOfZero() {
        // Up 1 a bar on 0–9, down 2 on 10–12, up 6 on 13–18, down 12 at 19 then 6 a bar: TSI crosses up at 13
        // (TSI ≈ +31) and down at 19 (TSI ≈ −1.5).
        double[] closes = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 107, 105, 103, 109, 115, 121, 127, 133,
                139, 127, 121, 115, 109};
        double[] tsi = ReferenceMath.tsi(closes, 3, 2);
        assertThat(tsi[13]).isPositive();
        assertThat(tsi[19]).isNegative();

        List<Signal> confirmed = TestBars.signalsOf(definition.create("TEST", shortWith("true")), bars(closes));
        List<Signal> plain = TestBars.signalsOf(definition.create("TEST", shortWith("false")), bars(closes));

        assertThat(confirmed).extracting(Signal::type, Signal::barTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SignalType.BUY, openTime(13)),
                        org.assertj.core.groups.Tuple.tuple(SignalType.SELL, openTime(19)));
        assertThat(plain).isEqualTo(confirmed);
    }

    @Test
    void parametersAreValidatedByName() {
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("zeroLineConfirm", "maybe"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'zeroLineConfirm' must be true or false, was 'maybe'");
        assertThatThrownBy(() -> definition.create("TEST", StrategyParameters.of(Map.of("longPeriod", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'longPeriod' must be at least 1, was 0");
        assertThat(definition.create("TEST", StrategyParameters.empty()).warmupBars()).isEqualTo(51);
    }
}
