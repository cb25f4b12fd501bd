package dev.papertrader.core.strategy;

import static dev.papertrader.core.strategy.ParameterChecks.bool;
import static dev.papertrader.core.strategy.ParameterChecks.intAtLeast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.TrueStrengthIndexIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * {@code tsi-momentum}: the True Strength Index crossing its signal line.
 *
 * <ul>
 * <li>TSI<sub>t</sub> = 100 × EMA<sub>s</sub>(EMA<sub>l</sub>(Δclose))<sub>t</sub> /
 * EMA<sub>s</sub>(EMA<sub>l</sub>(|Δclose|))<sub>t</sub> with l = {@code longPeriod}, s = {@code shortPeriod} and
 * Δclose<sub>t</sub> = close<sub>t</sub> − close<sub>t−1</sub> (ta4j's {@link TrueStrengthIndexIndicator}, undefined
 * for the first l + s bars); signal<sub>t</sub> = EMA<sub>{@code signalPeriod}</sub>(TSI)<sub>t</sub>. EMAs are
 * ta4j's, α = 2 / (n + 1), seeded with their first defined input.</li>
 * <li>BUY at bar t when TSI crosses up through the signal line (ta4j {@link CrossedUpIndicatorRule}); SELL when it
 * crosses down ({@link CrossedDownIndicatorRule}).</li>
 * <li>With {@code zeroLineConfirm}: a BUY also needs TSI<sub>t</sub> &gt; 0 and a SELL TSI<sub>t</sub> &lt; 0.</li>
 * <li>Warm-up (unstable bars): longPeriod + shortPeriod + signalPeriod (51 with the defaults), so the signal line
 * has seen a full period of defined TSI values.</li>
 * <li>strength = min(1, |TSI<sub>t</sub> − signal<sub>t</sub>| / 3): how far the cross carried TSI past its signal
 * line, 3 TSI points (of the −100..100 scale) or more counting as full strength (on a daily random walk the median
 * signal then has strength about 0.3).</li>
 * </ul>
 *
 * Parameters: {@code longPeriod} (25), {@code shortPeriod} (13), {@code signalPeriod} (13; the signal line is often
 * drawn with 7 to 13 bars, we take 13 to match the short smoothing), {@code zeroLineConfirm} (false),
 * {@code maxBarCount} (1000).
 */
public final class TsiMomentumStrategy implements Ta4jStrategyDefinition {

    public static final String NAME = "tsi-momentum";
    public static final String LONG_PERIOD = "longPeriod";
    public static final String SHORT_PERIOD = "shortPeriod";
    public static final String SIGNAL_PERIOD = "signalPeriod";
    public static final String ZERO_LINE_CONFIRM = "zeroLineConfirm";

    /** TSI points between TSI and its signal line that count as full strength. */
    static final double FULL_STRENGTH_TSI_POINTS = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BUY when TSI(25,13) crosses above its 13-bar EMA signal line, SELL when it crosses below; "
                + "optionally only above (BUY) or below (SELL) the zero line";
    }

    @Override
    public Map<String, String> defaultParameters() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(LONG_PERIOD, "25");
        defaults.put(SHORT_PERIOD, "13");
        defaults.put(SIGNAL_PERIOD, "13");
        defaults.put(ZERO_LINE_CONFIRM, "false");
        defaults.put(MAX_BAR_COUNT, String.valueOf(DEFAULT_MAX_BAR_COUNT));
        return Map.copyOf(defaults);
    }

    @Override
    public Ta4jStrategySetup setUp(BarSeries series, StrategyParameters parameters) {
        StrategyParameters effective = parameters.withDefaults(defaultParameters());
        int longPeriod = intAtLeast(effective, LONG_PERIOD, 1);
        int shortPeriod = intAtLeast(effective, SHORT_PERIOD, 1);
        int signalPeriod = intAtLeast(effective, SIGNAL_PERIOD, 1);
        boolean zeroLineConfirm = bool(effective, ZERO_LINE_CONFIRM);

        ClosePriceIndicator close = new ClosePriceIndicator(series);
        TrueStrengthIndexIndicator tsi = new TrueStrengthIndexIndicator(close, longPeriod, shortPeriod);
        EMAIndicator signal = new EMAIndicator(tsi, signalPeriod);
        Rule entry = new CrossedUpIndicatorRule(tsi, signal);
        Rule exit = new CrossedDownIndicatorRule(tsi, signal);
        if (zeroLineConfirm) {
            entry = entry.and(new OverIndicatorRule(tsi, 0));
            exit = exit.and(new UnderIndicatorRule(tsi, 0));
        }
        BaseStrategy strategy = new BaseStrategy(NAME, entry, exit, longPeriod + shortPeriod + signalPeriod);
        Ta4jStrategySetup.SignalStrength strength = (index, type) -> {
            Num tsiValue = tsi.getValue(index);
            Num signalValue = signal.getValue(index);
            if (Num.isNaNOrNull(tsiValue) || Num.isNaNOrNull(signalValue)) {
                return 0;
            }
            return Math.abs(tsiValue.doubleValue() - signalValue.doubleValue()) / FULL_STRENGTH_TSI_POINTS;
        };
        return new Ta4jStrategySetup(strategy, List.of(tsi, signal), strength);
    }
}
