package dev.papertrader.core.strategy;

import dev.papertrader.core.model.Bar;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.TrueStrengthIndexIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * Per-bar indicator inputs for users to check a strategy, computed with the same ta4j indicators and default
 * parameters as the seed strategies (row i is bar i, indices from 0):
 *
 * <ul>
 * <li>rsi14: RSI(14) of the close, as in {@link RsiDivergenceStrategy}; null for i &lt; 14.</li>
 * <li>macd = EMA12(close) − EMA26(close); null for i &lt; 26.</li>
 * <li>macd_signal = EMA9(macd), macd_hist = macd − macd_signal; null for i &lt; 35 (26 + 9), the warm-up of
 * {@link MacdCrossoverStrategy}.</li>
 * <li>tsi = TSI(25, 13) of the close; null for i &lt; 38 (25 + 13).</li>
 * <li>tsi_signal = EMA13(tsi); null for i &lt; 51 (38 + 13), the warm-up of {@link TsiMomentumStrategy}.</li>
 * </ul>
 *
 * A value ta4j leaves undefined after its warm-up (a TSI over flat prices divides by zero) is null too. The
 * signal lines hold a value (seeded with their input's first value) a few bars before they are shown: a cross on
 * the first bar after the warm-up compares with that hidden value.
 */
public final class IndicatorTable {

    static final int RSI_PERIOD = 14;
    static final int MACD_FAST = 12;
    static final int MACD_SLOW = 26;
    static final int MACD_SIGNAL = 9;
    static final int TSI_LONG = 25;
    static final int TSI_SHORT = 13;
    static final int TSI_SIGNAL = 13;

    private IndicatorTable() {
    }

    /**
     * One row per bar, in order.
     *
     * @throws IllegalArgumentException unless all bars share one symbol and one timeframe and their open times
     *                                  strictly increase
     */
    public static List<IndicatorRow> compute(List<Bar> bars) {
        BarSeries series = Ta4jBars.toSeries(bars, DoubleNumFactory.getInstance());
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        RSIIndicator rsi = new RSIIndicator(close, RSI_PERIOD);
        MACDIndicator macd = new MACDIndicator(close, MACD_FAST, MACD_SLOW);
        EMAIndicator macdSignal = new EMAIndicator(macd, MACD_SIGNAL);
        TrueStrengthIndexIndicator tsi = new TrueStrengthIndexIndicator(close, TSI_LONG, TSI_SHORT);
        EMAIndicator tsiSignal = new EMAIndicator(tsi, TSI_SIGNAL);

        List<IndicatorRow> rows = new ArrayList<>(bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Double macdValue = valueFrom(macd, i, MACD_SLOW);
            Double signalValue = valueFrom(macdSignal, i, MACD_SLOW + MACD_SIGNAL);
            Double histogram = macdValue == null || signalValue == null ? null : macdValue - signalValue;
            rows.add(new IndicatorRow(bars.get(i).openTime(), valueFrom(rsi, i, RSI_PERIOD), macdValue, signalValue,
                    histogram, valueFrom(tsi, i, TSI_LONG + TSI_SHORT), valueFrom(tsiSignal, i,
                            TSI_LONG + TSI_SHORT + TSI_SIGNAL)));
        }
        return List.copyOf(rows);
    }

    private static Double valueFrom(Indicator<Num> indicator, int index, int warmup) {
        if (index < warmup) {
            return null;
        }
        Num value = indicator.getValue(index);
        if (Num.isNaNOrNull(value) || !Double.isFinite(value.doubleValue())) {
            return null;
        }
        return value.doubleValue();
    }
}
