package dev.papertrader.core.strategy;

import org.ta4j.core.Indicator;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.AbstractRule;

/**
 * A price/RSI divergence at bar t, with L = {@code lookback}.
 *
 * <p>Bullish ({@link Kind#BULLISH}):
 * <ol>
 * <li>the earlier low e is the bar of the window [t − L, t − 1] with the lowest price; on a tie, the latest such
 * bar;</li>
 * <li>price makes a lower low: price<sub>t</sub> &lt; price<sub>e</sub>, so t is below every bar of the window;</li>
 * <li>the two lows are distinct troughs: e ≤ t − 2, so at least one bar between them closed above both (every bar
 * after e is above price<sub>e</sub> because e is the latest lowest);</li>
 * <li>RSI makes a higher low: RSI<sub>t</sub> &gt; RSI<sub>e</sub>;</li>
 * <li>RSI was oversold at the earlier low: RSI<sub>e</sub> &lt; {@code threshold}.</li>
 * </ol>
 * Bearish ({@link Kind#BEARISH}) mirrors it: highest price in the window (latest on a tie), price<sub>t</sub> &gt;
 * price<sub>e</sub>, e ≤ t − 2, RSI<sub>t</sub> &lt; RSI<sub>e</sub>, RSI<sub>e</sub> &gt; {@code threshold}.
 *
 * <p>Not satisfied while the window reaches before the series' first bar or any value is undefined (NaN). The
 * trading record is not used.
 */
final class RsiDivergenceRule extends AbstractRule {

    enum Kind {
        BULLISH, BEARISH
    }

    private final Indicator<Num> price;
    private final Indicator<Num> rsi;
    private final int lookback;
    private final double threshold;
    private final Kind kind;

    RsiDivergenceRule(Kind kind, Indicator<Num> price, Indicator<Num> rsi, int lookback, double threshold) {
        if (lookback < 2) {
            throw new IllegalArgumentException("lookback must be at least 2, was " + lookback);
        }
        this.kind = kind;
        this.price = price;
        this.rsi = rsi;
        this.lookback = lookback;
        this.threshold = threshold;
    }

    @Override
    public boolean isSatisfied(int index, TradingRecord tradingRecord) {
        boolean satisfied = earlierExtremeIndex(index) >= 0;
        traceIsSatisfied(index, satisfied);
        return satisfied;
    }

    /** The index e of the earlier low (or high) that bar {@code index} diverges from, or −1 if there is none. */
    int earlierExtremeIndex(int index) {
        int windowStart = index - lookback;
        if (windowStart < price.getBarSeries().getBeginIndex()) {
            return -1;
        }
        int extreme = -1;
        double extremePrice = Double.NaN;
        for (int i = windowStart; i < index; i++) {
            double value = valueAt(price, i);
            if (Double.isNaN(value)) {
                return -1;
            }
            if (extreme < 0 || (kind == Kind.BULLISH ? value <= extremePrice : value >= extremePrice)) {
                extreme = i;
                extremePrice = value;
            }
        }
        double currentPrice = valueAt(price, index);
        boolean newExtreme = kind == Kind.BULLISH ? currentPrice < extremePrice : currentPrice > extremePrice;
        if (!newExtreme || extreme > index - 2) {
            return -1;
        }
        double currentRsi = valueAt(rsi, index);
        double earlierRsi = valueAt(rsi, extreme);
        boolean diverges = kind == Kind.BULLISH
                ? currentRsi > earlierRsi && earlierRsi < threshold
                : currentRsi < earlierRsi && earlierRsi > threshold;
        return diverges ? extreme : -1;
    }

    private static double valueAt(Indicator<Num> indicator, int index) {
        Num value = indicator.getValue(index);
        return Num.isNaNOrNull(value) ? Double.NaN : value.doubleValue();
    }
}
