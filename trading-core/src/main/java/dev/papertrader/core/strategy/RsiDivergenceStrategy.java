package dev.papertrader.core.strategy;

import static dev.papertrader.core.strategy.ParameterChecks.doubleBetween;
import static dev.papertrader.core.strategy.ParameterChecks.intAtLeast;

import dev.papertrader.core.model.SignalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;

/**
 * {@code rsi-divergence}: price and RSI disagree about a new extreme.
 *
 * <ul>
 * <li>Price is the bar's close; RSI is ta4j's RSI(rsiPeriod) of the close: 100 − 100 / (1 + avgGain / avgLoss), the
 * averages being Wilder's smoothing avg<sub>t</sub> = avg<sub>t−1</sub> + (x<sub>t</sub> − avg<sub>t−1</sub>) / n
 * of the close-to-close gains and losses, undefined before bar n and seeded with bar n's gain and loss (ta4j
 * 0.22.2); 100 when avgLoss = 0 (0 when both are 0).</li>
 * <li>BUY at bar t on a bullish divergence: within the {@code lookback} bars before t, the latest lowest close is
 * at bar e ≤ t − 2 (a higher close lies between the two lows), close<sub>t</sub> &lt; close<sub>e</sub> (lower low),
 * RSI<sub>t</sub> &gt; RSI<sub>e</sub> (higher low) and RSI<sub>e</sub> &lt; {@code oversold}. Exact definition in
 * {@link RsiDivergenceRule}.</li>
 * <li>SELL at bar t on the mirror bearish divergence: latest highest close of the window at e ≤ t − 2,
 * close<sub>t</sub> &gt; close<sub>e</sub> (higher high), RSI<sub>t</sub> &lt; RSI<sub>e</sub> (lower high) and
 * RSI<sub>e</sub> &gt; {@code overbought}.</li>
 * <li>Warm-up (unstable bars): rsiPeriod + lookback, so RSI is defined over the whole window.</li>
 * <li>strength = min(1, |RSI<sub>t</sub> − RSI<sub>e</sub>| / 10): the RSI disagreement, 10 RSI points or more
 * counting as full strength (on a daily random walk the median signal then has strength about 0.3).</li>
 * </ul>
 *
 * Parameters: {@code rsiPeriod} (14), {@code lookback} (14, at least 2), {@code oversold} (30) and
 * {@code overbought} (70), both strictly within (0, 100) with oversold &lt; overbought, {@code maxBarCount} (1000).
 */
public final class RsiDivergenceStrategy implements Ta4jStrategyDefinition {

    public static final String NAME = "rsi-divergence";
    public static final String RSI_PERIOD = "rsiPeriod";
    public static final String LOOKBACK = "lookback";
    public static final String OVERSOLD = "oversold";
    public static final String OVERBOUGHT = "overbought";

    /** RSI points of disagreement that count as a full-strength divergence. */
    static final double FULL_STRENGTH_RSI_POINTS = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BUY when the close makes a lower low within the lookback while RSI makes a higher low from oversold; "
                + "SELL on the mirror divergence from overbought";
    }

    @Override
    public Map<String, String> defaultParameters() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(RSI_PERIOD, "14");
        defaults.put(LOOKBACK, "14");
        defaults.put(OVERSOLD, "30");
        defaults.put(OVERBOUGHT, "70");
        defaults.put(MAX_BAR_COUNT, String.valueOf(DEFAULT_MAX_BAR_COUNT));
        return Map.copyOf(defaults);
    }

    @Override
    public Ta4jStrategySetup setUp(BarSeries series, StrategyParameters parameters) {
        StrategyParameters effective = parameters.withDefaults(defaultParameters());
        int rsiPeriod = intAtLeast(effective, RSI_PERIOD, 1);
        int lookback = intAtLeast(effective, LOOKBACK, 2);
        double oversold = doubleBetween(effective, OVERSOLD, 0, 100);
        double overbought = doubleBetween(effective, OVERBOUGHT, 0, 100);
        if (oversold >= overbought) {
            throw new IllegalArgumentException("parameter '" + OVERSOLD + "' must be below '" + OVERBOUGHT
                    + "', was " + oversold + " >= " + overbought);
        }

        ClosePriceIndicator close = new ClosePriceIndicator(series);
        RSIIndicator rsi = new RSIIndicator(close, rsiPeriod);
        RsiDivergenceRule bullish = new RsiDivergenceRule(RsiDivergenceRule.Kind.BULLISH, close, rsi, lookback,
                oversold);
        RsiDivergenceRule bearish = new RsiDivergenceRule(RsiDivergenceRule.Kind.BEARISH, close, rsi, lookback,
                overbought);
        BaseStrategy strategy = new BaseStrategy(NAME, bullish, bearish, rsiPeriod + lookback);
        Ta4jStrategySetup.SignalStrength strength = (index, type) -> {
            int earlier = (type == SignalType.BUY ? bullish : bearish).earlierExtremeIndex(index);
            if (earlier < 0) {
                return 0;
            }
            Num now = rsi.getValue(index);
            Num then = rsi.getValue(earlier);
            return Math.abs(now.doubleValue() - then.doubleValue()) / FULL_STRENGTH_RSI_POINTS;
        };
        return new Ta4jStrategySetup(strategy, List.of(close, rsi), strength);
    }
}
