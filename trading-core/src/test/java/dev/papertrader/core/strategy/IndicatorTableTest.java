package dev.papertrader.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.papertrader.core.model.Bar;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IndicatorTableTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void valuesAreBlankWhileTheirIndicatorWarmsUp() {
        List<Bar> bars = TestBars.randomWalk(3, 60);

        List<IndicatorRow> rows = IndicatorTable.compute(bars);

        assertThat(rows).hasSize(60);
        assertThat(rows).extracting(IndicatorRow::time).containsExactlyElementsOf(
                bars.stream().map(Bar::openTime).toList());
        assertFirstValueAt(rows.stream().map(IndicatorRow::rsi14).toList(), 14);
        assertFirstValueAt(rows.stream().map(IndicatorRow::macd).toList(), 26);
        assertFirstValueAt(rows.stream().map(IndicatorRow::macdSignal).toList(), 35);
        assertFirstValueAt(rows.stream().map(IndicatorRow::macdHist).toList(), 35);
        assertFirstValueAt(rows.stream().map(IndicatorRow::tsi).toList(), 38);
        assertFirstValueAt(rows.stream().map(IndicatorRow::tsiSignal).toList(), 51);
    }

    private static void assertFirstValueAt(List<Double> column, int firstIndex) {
        assertThat(column.subList(0, firstIndex)).containsOnlyNulls();
        assertThat(column.subList(firstIndex, column.size())).doesNotContainNull();
    }

    /**
     * RSI(14) by hand. Closes 50 on bars 0–13, then 51, 49, 49.5. Wilder's averages (α = 1/14) start at bar 14 with
     * that bar's gain 1 and loss 0 (ta4j 0.22.2 seeds them with the first value, not the mean of 14 changes):
     * <pre>
     * bar 14: gain 1,        loss 0        → RSI = 100 (no loss)
     * bar 15: gain 13/14,    loss 2/14     → RS = 6.5,   RSI = 100 − 100 / 7.5      = 86.6667
     * bar 16: gain 176/196,  loss 26/196   → RS = 88/13, RSI = 100 − 100 · 13 / 101 = 87.1287
     * </pre>
     */
    @Test
    void rsi14MatchesAHandComputation() {
        double[] closes = new double[17];
        for (int i = 0; i < 14; i++) {
            closes[i] = 50;
        }
        closes[14] = 51;
        closes[15] = 49;
        closes[16] = 49.5;

        List<IndicatorRow> rows = IndicatorTable.compute(TestBars.fromCloses(closes));

        assertThat(rows.get(13).rsi14()).isNull();
        assertThat(rows.get(14).rsi14()).isEqualTo(100.0);
        assertThat(rows.get(15).rsi14()).isCloseTo(100 - 100 / 7.5, within(TOLERANCE));
        assertThat(rows.get(16).rsi14()).isCloseTo(100 - 1300.0 / 101, within(TOLERANCE));
    }

    /**
     * MACD on a ramp close<sub>t</sub> = 100 + t. An EMA seeded on the ramp at bar k lags it by
     * L (1 − (1 − α)<sup>t − k</sup>) with L = (1 − α) / α: 5.5 for EMA12 (seeded at 12), 12.5 for EMA26 (seeded at 26).
     * So MACD<sub>t</sub> = 12.5 (1 − (25/27)<sup>t−26</sup>) − 5.5 (1 − (11/13)<sup>t−12</sup>); the signal line is
     * the EMA9 of those values from bar 26 on. TSI on a ramp is 100 (every change is +1), and so is its signal.
     */
    @Test
    void macdAndTsiMatchClosedFormsOnARamp() {
        double[] closes = IntStream.range(0, 60).mapToDouble(t -> 100 + t).toArray();

        List<IndicatorRow> rows = IndicatorTable.compute(TestBars.fromCloses(closes));

        double[] macd = new double[60];
        for (int t = 26; t < 60; t++) {
            macd[t] = 12.5 * (1 - Math.pow(25.0 / 27, t - 26)) - 5.5 * (1 - Math.pow(11.0 / 13, t - 12));
        }
        double signal = macd[26];
        for (int t = 27; t <= 40; t++) {
            signal += (macd[t] - signal) * 0.2;
        }
        assertThat(rows.get(26).macd()).isCloseTo(-5.5 * (1 - Math.pow(11.0 / 13, 14)), within(TOLERANCE));
        assertThat(rows.get(33).macd()).isCloseTo(macd[33], within(TOLERANCE));
        assertThat(rows.get(40).macdSignal()).isCloseTo(signal, within(TOLERANCE));
        assertThat(rows.get(40).macdHist()).isCloseTo(macd[40] - signal, within(TOLERANCE));
        assertThat(rows.get(38).tsi()).isEqualTo(100.0);
        assertThat(rows.get(59).tsiSignal()).isEqualTo(100.0);
    }

    @Test
    void tsiMatchesItsDefinitionOnARandomWalk() {
        List<Bar> bars = TestBars.randomWalk(8, 300);
        double[] closes = bars.stream().mapToDouble(bar -> bar.close().doubleValue()).toArray();
        double[] tsi = ReferenceMath.tsi(closes, 25, 13);
        double[] tsiSignal = ReferenceMath.ema(tsi, 13);
        double[] macd = ReferenceMath.macd(closes, 12, 26);
        double[] macdSignal = ReferenceMath.ema(macd, 9);

        List<IndicatorRow> rows = IndicatorTable.compute(bars);

        for (int t = 51; t < bars.size(); t++) {
            assertThat(rows.get(t).tsi()).as("tsi at %d", t).isCloseTo(tsi[t], within(TOLERANCE));
            assertThat(rows.get(t).tsiSignal()).as("tsi signal at %d", t).isCloseTo(tsiSignal[t], within(TOLERANCE));
            assertThat(rows.get(t).macdSignal()).as("macd signal at %d", t).isCloseTo(macdSignal[t], within(TOLERANCE));
        }
    }

    @Test
    void noBarsNoRows() {
        assertThat(IndicatorTable.compute(List.of())).isEmpty();
    }

    @Test
    void barsMustBeOneIncreasingSeries() {
        List<Bar> backwards = List.of(TestBars.bar(1, 100), TestBars.bar(0, 100));

        assertThatThrownBy(() -> IndicatorTable.compute(backwards))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increase");
    }
}
