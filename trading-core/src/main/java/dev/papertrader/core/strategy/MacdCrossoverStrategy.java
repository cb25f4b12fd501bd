package dev.papertrader.core.strategy;

import static dev.papertrader.core.strategy.ParameterChecks.intAtLeast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * {@code macd-crossover}: the MACD line crossing its signal line.
 *
 * <ul>
 * <li>MACD<sub>t</sub> = EMA<sub>fastPeriod</sub>(close)<sub>t</sub> − EMA<sub>slowPeriod</sub>(close)<sub>t</sub>;
 * signal<sub>t</sub> = EMA<sub>signalPeriod</sub>(MACD)<sub>t</sub>; ta4j's EMA with α = 2 / (n + 1), undefined for
 * the first n bars and then seeded with the first defined input value.</li>
 * <li>BUY at bar t when MACD crosses up through the signal line: MACD<sub>t</sub> &gt; signal<sub>t</sub> and, at the
 * latest earlier bar where the two differed, MACD &lt; signal (ta4j {@link CrossedUpIndicatorRule}, the entry
 * rule). SELL at the mirror cross down ({@link CrossedDownIndicatorRule}, the exit rule). No other condition, so
 * ta4j's {@code BarSeriesManager} trades exactly these crosses.</li>
 * <li>Warm-up (unstable bars): slowPeriod + signalPeriod (35 with the defaults), so both lines have seen a full
 * period.</li>
 * <li>strength = min(1, |MACD<sub>t</sub> − signal<sub>t</sub>| / (0.1 × ATR(14)<sub>t</sub>)): how far the cross
 * carried the MACD past its signal line, in units of a tenth of the average true range (0 when the ATR is
 * undefined or zero; on a daily random walk the median signal has strength about 0.3).</li>
 * </ul>
 *
 * Parameters: {@code fastPeriod} (12), {@code slowPeriod} (26, greater than fastPeriod), {@code signalPeriod} (9),
 * {@code maxBarCount} (1000).
 */
public final class MacdCrossoverStrategy implements Ta4jStrategyDefinition {

    public static final String NAME = "macd-crossover";
    public static final String FAST_PERIOD = "fastPeriod";
    public static final String SLOW_PERIOD = "slowPeriod";
    public static final String SIGNAL_PERIOD = "signalPeriod";

    /** The ATR fraction that counts as a full-strength gap between the lines. */
    static final double FULL_STRENGTH_ATR_FRACTION = 0.1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BUY when the MACD line (EMA 12 - EMA 26 of the close) crosses above its signal line (EMA 9 of MACD), SELL when it crosses below";
    }

    @Override
    public Map<String, String> defaultParameters() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(FAST_PERIOD, "12");
        defaults.put(SLOW_PERIOD, "26");
        defaults.put(SIGNAL_PERIOD, "9");
        defaults.put(MAX_BAR_COUNT, String.valueOf(DEFAULT_MAX_BAR_COUNT));
        return Map.copyOf(defaults);
    }

    @Override
    public Ta4jStrategySetup setUp(BarSeries series, StrategyParameters parameters) {
        StrategyParameters effective = parameters.withDefaults(defaultParameters());
        int fast = intAtLeast(effective, FAST_PERIOD, 1);
        int slow = intAtLeast(effective, SLOW_PERIOD, 2);
        int signalPeriod = intAtLeast(effective, SIGNAL_PERIOD, 1);
        if (fast >= slow) {
            throw new IllegalArgumentException("parameter '" + FAST_PERIOD + "' must be below '" + SLOW_PERIOD
                    + "', was " + fast + " >= " + slow);
        }

        ClosePriceIndicator close = new ClosePriceIndicator(series);
        MACDIndicator macd = new MACDIndicator(close, fast, slow);
        EMAIndicator signal = new EMAIndicator(macd, signalPeriod);
        ATRIndicator atr = new ATRIndicator(series, Ta4jTradingStrategy.ATR_PERIOD);

        BaseStrategy strategy = new BaseStrategy(NAME, new CrossedUpIndicatorRule(macd, signal),
                new CrossedDownIndicatorRule(macd, signal), slow + signalPeriod);
        Ta4jStrategySetup.SignalStrength strength = (index, type) -> strength(macd.getValue(index),
                signal.getValue(index), atr.getValue(index));
        return new Ta4jStrategySetup(strategy, List.of(macd, signal, atr), strength);
    }

    private static double strength(Num macd, Num signal, Num atr) {
        if (Num.isNaNOrNull(macd) || Num.isNaNOrNull(signal) || Num.isNaNOrNull(atr) || !(atr.doubleValue() > 0)) {
            return 0;
        }
        return Math.abs(macd.doubleValue() - signal.doubleValue()) / (FULL_STRENGTH_ATR_FRACTION * atr.doubleValue());
    }
}
