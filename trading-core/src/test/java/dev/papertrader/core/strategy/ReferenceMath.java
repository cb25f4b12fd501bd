package dev.papertrader.core.strategy;

import java.util.Arrays;

/**
 * Plain loops written from the formulas in the strategies' Javadoc, independent of ta4j, to check its values.
 * An EMA of period n with factor α is undefined (NaN) before index n and while its input is undefined; its first
 * value is its first defined input; then ema<sub>t</sub> = ema<sub>t−1</sub> + α (x<sub>t</sub> − ema<sub>t−1</sub>).
 */
final class ReferenceMath {

    private ReferenceMath() {
    }

    static double[] ema(double[] input, int period) {
        return smooth(input, period, 2.0 / (period + 1));
    }

    static double[] wilder(double[] input, int period) {
        return smooth(input, period, 1.0 / period);
    }

    private static double[] smooth(double[] input, int period, double alpha) {
        double[] out = new double[input.length];
        Arrays.fill(out, Double.NaN);
        for (int t = period; t < input.length; t++) {
            if (Double.isNaN(input[t])) {
                continue;
            }
            double previous = out[t - 1];
            out[t] = Double.isNaN(previous) ? input[t] : previous + (input[t] - previous) * alpha;
        }
        return out;
    }

    static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** MACD line: EMA(fast) − EMA(slow), undefined before index slow. */
    static double[] macd(double[] closes, int fast, int slow) {
        return minus(ema(closes, fast), ema(closes, slow));
    }

    /** TSI = 100 × EMA_s(EMA_l(Δ)) / EMA_s(EMA_l(|Δ|)), undefined before index l + s. */
    static double[] tsi(double[] closes, int longPeriod, int shortPeriod) {
        double[] change = new double[closes.length];
        double[] absoluteChange = new double[closes.length];
        change[0] = Double.NaN;
        absoluteChange[0] = Double.NaN;
        for (int i = 1; i < closes.length; i++) {
            change[i] = closes[i] - closes[i - 1];
            absoluteChange[i] = Math.abs(change[i]);
        }
        double[] numerator = ema(ema(change, longPeriod), shortPeriod);
        double[] denominator = ema(ema(absoluteChange, longPeriod), shortPeriod);
        double[] out = new double[closes.length];
        for (int i = 0; i < closes.length; i++) {
            out[i] = i < longPeriod + shortPeriod || denominator[i] == 0 ? Double.NaN
                    : 100 * numerator[i] / denominator[i];
        }
        return out;
    }
}
