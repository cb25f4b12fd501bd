package dev.papertrader.core.performance;

import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Performance statistics of an equity curve and its closed trades.
 *
 * <p>Notation: E<sub>0</sub> is the starting equity, E<sub>1</sub>…E<sub>n</sub> the equity of the curve's n
 * points, P = {@code periodsPerYear}, rf = {@code riskFreeRate} (annual), rf<sub>p</sub> = rf / P. Ratios are
 * computed in double; money (equity, expectancy) stays exact.
 *
 * <ul>
 * <li>Periodic returns r<sub>i</sub> = E<sub>i</sub> / E<sub>i−1</sub> − 1, i = 1…n (the first from the starting
 *     equity). A return from a non-positive equity is taken as 0 (the account is ruined; there is nothing to
 *     return on).</li>
 * <li>Total return = E<sub>n</sub> / E<sub>0</sub> − 1.</li>
 * <li>CAGR = (E<sub>n</sub> / E<sub>0</sub>)<sup>P / n</sup> − 1; −1 when E<sub>n</sub> ≤ 0.</li>
 * <li>Annualised volatility = s × √P, s the sample standard deviation of the returns:
 *     s = √(Σ (r<sub>i</sub> − r̄)² / (n − 1)).</li>
 * <li>Sharpe = (r̄ − rf<sub>p</sub>) / s × √P.</li>
 * <li>Sortino = (r̄ − rf<sub>p</sub>) / d × √P with the downside deviation
 *     d = √(Σ min(0, r<sub>i</sub> − rf<sub>p</sub>)² / n).</li>
 * <li>Max drawdown = max over t of (peak<sub>t</sub> − E<sub>t</sub>) / peak<sub>t</sub>, peak<sub>t</sub> =
 *     max(E<sub>0</sub>…E<sub>t</sub>); a fraction in [0, 1] (above 1 only if equity went negative).</li>
 * <li>Calmar = CAGR / max drawdown.</li>
 * <li>Max drawdown duration: a drawdown runs from the last point at its peak to the first point whose equity is
 *     back at or above that peak, or to the last point if it never recovers. The longest one in time is reported,
 *     with its number of periods (ties in time go to the one with more periods). The starting equity has no time
 *     of its own: a drawdown from it is timed from the first point, while its periods count from 0.</li>
 * <li>Win rate = trades with pnl &gt; 0 / trades.</li>
 * <li>Profit factor = Σ pnl of winning trades / |Σ pnl of losing trades|; {@link Double#POSITIVE_INFINITY} when
 *     there are wins and no losses (JsonCodec writes it as the string {@code "Infinity"} and reads it back).</li>
 * <li>Expectancy = Σ pnl / trades, exact money rounded to 10 decimals half-even.</li>
 * <li>Exposure = points with gross exposure &gt; 0 / n.</li>
 * <li>Average holding time = Σ (exit time − entry time) / trades, truncated to the nanosecond.</li>
 * </ul>
 *
 * <p>Edge cases. A ratio whose denominator is zero is reported as 0, so the figures stay finite: Sharpe and
 * volatility when s = 0 or n &lt; 2, Sortino when d = 0, Calmar when the max drawdown is 0, and every return
 * statistic (total return, CAGR, drawdown) of an empty curve, whose final equity is the starting equity.
 * Trade statistics of no trades (win rate, profit factor, expectancy, holding time) are 0. The one exception
 * is the profit factor without losses, +∞ as above, because 0 there would read as "all losers".
 */
public final class PerformanceCalculator {

    private static final int MONEY_SCALE = 10;

    private PerformanceCalculator() {
    }

    /**
     * @param startingEquity E<sub>0</sub>, positive
     * @param curve          equity points in time order
     * @param trades         closed trades
     */
    public static PerformanceStats compute(BigDecimal startingEquity, List<EquityPoint> curve, List<RoundTrip> trades,
            PerformanceParameters p) {
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(trades, "trades");
        if (startingEquity == null || startingEquity.signum() <= 0) {
            throw new IllegalArgumentException("startingEquity must be positive, was " + startingEquity);
        }
        if (!(p.periodsPerYear() > 0)) {
            throw new IllegalArgumentException("periodsPerYear must be positive, was " + p.periodsPerYear());
        }
        int n = curve.size();
        double[] equity = new double[n + 1];
        equity[0] = startingEquity.doubleValue();
        BigDecimal previous = null;
        for (int i = 0; i < n; i++) {
            // Equity often repeats (no position, unchanged price); a long curve's exact values convert slowly.
            BigDecimal value = curve.get(i).equity();
            equity[i + 1] = previous != null && value.compareTo(previous) == 0 ? equity[i] : value.doubleValue();
            previous = value;
        }
        BigDecimal finalEquity = n == 0 ? startingEquity : curve.getLast().equity();
        double[] returns = new double[n];
        for (int i = 1; i <= n; i++) {
            returns[i - 1] = equity[i - 1] > 0 ? equity[i] / equity[i - 1] - 1 : 0;
        }

        double growth = equity[n] / equity[0];
        double totalReturn = growth - 1;
        double cagr = n == 0 ? 0 : growth <= 0 ? -1 : Math.pow(growth, p.periodsPerYear() / n) - 1;

        double periodRiskFree = p.riskFreeRate() / p.periodsPerYear();
        double annualising = Math.sqrt(p.periodsPerYear());
        double mean = mean(returns);
        double stdev = sampleStandardDeviation(returns, mean);
        double volatility = stdev * annualising;
        double sharpe = stdev == 0 ? 0 : (mean - periodRiskFree) / stdev * annualising;
        double downside = downsideDeviation(returns, periodRiskFree);
        double sortino = downside == 0 ? 0 : (mean - periodRiskFree) / downside * annualising;

        Drawdown drawdown = drawdown(equity, curve);
        double calmar = drawdown.max == 0 ? 0 : cagr / drawdown.max;

        int exposed = 0;
        for (EquityPoint point : curve) {
            if (point.grossExposure().signum() > 0) {
                exposed++;
            }
        }
        double exposure = n == 0 ? 0 : (double) exposed / n;

        return new PerformanceStats(startingEquity, finalEquity, totalReturn, cagr, volatility, sharpe, sortino,
                calmar, drawdown.max, drawdown.longestTime, drawdown.longestPeriods, winRate(trades),
                profitFactor(trades), expectancy(trades), exposure, trades.size(), averageHoldingTime(trades));
    }

    private static double mean(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** √(Σ (x − mean)² / (n − 1)); 0 for fewer than two values. */
    private static double sampleStandardDeviation(double[] values, double mean) {
        if (values.length < 2) {
            return 0;
        }
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** √(Σ min(0, r − target)² / n); 0 for no values. */
    private static double downsideDeviation(double[] returns, double target) {
        if (returns.length == 0) {
            return 0;
        }
        double squares = 0;
        for (double r : returns) {
            double shortfall = Math.min(0, r - target);
            squares += shortfall * shortfall;
        }
        return Math.sqrt(squares / returns.length);
    }

    private record Drawdown(double max, Duration longestTime, int longestPeriods) {
    }

    private static Drawdown drawdown(double[] equity, List<EquityPoint> curve) {
        double max = 0;
        Duration longestTime = Duration.ZERO;
        int longestPeriods = 0;
        double peak = equity[0];
        int peakIndex = 0;
        boolean underwater = false;
        for (int i = 1; i < equity.length; i++) {
            if (equity[i] >= peak) {
                if (underwater) {
                    Duration time = Duration.between(timeOf(curve, peakIndex), timeOf(curve, i));
                    int periods = i - peakIndex;
                    if (longer(time, periods, longestTime, longestPeriods)) {
                        longestTime = time;
                        longestPeriods = periods;
                    }
                    underwater = false;
                }
                peak = equity[i];
                peakIndex = i;
            } else {
                underwater = true;
                max = Math.max(max, (peak - equity[i]) / peak);
            }
        }
        if (underwater) {
            int last = equity.length - 1;
            Duration time = Duration.between(timeOf(curve, peakIndex), timeOf(curve, last));
            int periods = last - peakIndex;
            if (longer(time, periods, longestTime, longestPeriods)) {
                longestTime = time;
                longestPeriods = periods;
            }
        }
        return new Drawdown(max, longestTime, longestPeriods);
    }

    private static boolean longer(Duration time, int periods, Duration longestTime, int longestPeriods) {
        int byTime = time.compareTo(longestTime);
        return byTime > 0 || byTime == 0 && periods > longestPeriods;
    }

    /** Time of equity index i; index 0 (the starting equity) takes the first point's time. */
    private static Instant timeOf(List<EquityPoint> curve, int index) {
        return curve.get(Math.max(0, index - 1)).time();
    }

    private static double winRate(List<RoundTrip> trades) {
        if (trades.isEmpty()) {
            return 0;
        }
        long wins = trades.stream().filter(t -> t.pnl().signum() > 0).count();
        return (double) wins / trades.size();
    }

    private static double profitFactor(List<RoundTrip> trades) {
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        for (RoundTrip trade : trades) {
            if (trade.pnl().signum() > 0) {
                grossProfit = grossProfit.add(trade.pnl());
            } else {
                grossLoss = grossLoss.add(trade.pnl().negate());
            }
        }
        if (grossLoss.signum() == 0) {
            return grossProfit.signum() > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return grossProfit.doubleValue() / grossLoss.doubleValue();
    }

    private static BigDecimal expectancy(List<RoundTrip> trades) {
        if (trades.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (RoundTrip trade : trades) {
            sum = sum.add(trade.pnl());
        }
        return sum.divide(BigDecimal.valueOf(trades.size()), MONEY_SCALE, RoundingMode.HALF_EVEN);
    }

    private static Duration averageHoldingTime(List<RoundTrip> trades) {
        if (trades.isEmpty()) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        for (RoundTrip trade : trades) {
            total = total.plus(Duration.between(trade.entryTime(), trade.exitTime()));
        }
        return total.dividedBy(trades.size());
    }
}
