package dev.papertrader.core.data;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Seeded synthetic bars for benchmarks, load tests and the synthetic live feed: reproducible, always valid, as many
 * as wanted.
 * <p>
 * Each symbol follows a geometric random walk: per bar, log(close) = log(previous close) + σ·z with z standard
 * normal, reflected back at 1/100 and 100 times the starting price (so millions of bars stay in a sane range).
 * σ per bar = annual volatility × √(step / 365.25 days). The next bar opens at the previous close. Wicks:
 * high = max(open, close)·exp(σ·|z₁|/2) rounded up, low = min(open, close)·exp(−σ·|z₂|/2) rounded down.
 * Volume (whole units) = base volume·exp(z₃/2)·(1 + |z|), so big moves trade more.
 * <p>
 * Per symbol, drawn once from its own generator: starting price log-uniform in [1, 1000], price decimals 4 below 10,
 * 3 below 100, else 2 (fixed for the symbol's life), annual volatility uniform in [0.2, 0.9], base volume
 * log-uniform in [10³, 10⁶]. Each symbol's generator is seeded from the seed and the symbol name only, so a
 * symbol's path does not depend on which other symbols are generated with it.
 * <p>
 * Output is time-ordered and interleaved: all symbols' bars at time t (in the order the symbols are given), then
 * all at t + step. The same arguments give identical bars on the same JDK (the draws come from
 * {@link SplittableRandom}). The iterator keeps its state in primitive arrays and allocates only each bar and its
 * numbers, so it can feed millions of bars without holding them.
 */
public final class SyntheticBars {

    private static final double SECONDS_PER_YEAR = 365.25 * 86_400;
    private static final double RANGE = Math.log(100);

    private SyntheticBars() {
    }

    /** All bars at once: {@code barsPerSymbol × symbols.size()} of them, in the iterator's order. */
    public static List<Bar> generate(long seed, List<String> symbols, String timeframe, Instant start,
            Duration step, int barsPerSymbol) {
        Iterator<Bar> bars = stream(seed, symbols, timeframe, start, step, barsPerSymbol);
        long total = (long) barsPerSymbol * symbols.size();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " bars do not fit in a list; use stream(...)");
        }
        List<Bar> result = new ArrayList<>((int) total);
        bars.forEachRemaining(result::add);
        return result;
    }

    /**
     * The same bars as {@link #generate}, produced lazily one at a time.
     *
     * @param symbols       distinct symbols, at least one
     * @param timeframe     label put on every bar, e.g. {@code 1m}
     * @param start         open time of the first bars
     * @param step          time between consecutive bars of a symbol, positive
     * @param barsPerSymbol zero or more
     */
    public static Iterator<Bar> stream(long seed, List<String> symbols, String timeframe, Instant start,
            Duration step, int barsPerSymbol) {
        Checks.required(symbols, "symbols");
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("symbols must not be empty");
        }
        symbols.forEach(symbol -> Checks.requiredText(symbol, "symbol"));
        if (new HashSet<>(symbols).size() != symbols.size()) {
            throw new IllegalArgumentException("symbols must be distinct, were " + symbols);
        }
        Timeframes.parse(timeframe);
        Checks.required(start, "start");
        Checks.required(step, "step");
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        if (barsPerSymbol < 0) {
            throw new IllegalArgumentException("barsPerSymbol must not be negative, was " + barsPerSymbol);
        }
        return new Walk(seed, symbols, timeframe, start, step, barsPerSymbol);
    }

    private static final class Walk implements Iterator<Bar> {
        private final String[] symbols;
        private final String timeframe;
        private final Instant start;
        private final Duration step;
        private final int barsPerSymbol;

        private final SplittableRandom[] random;
        private final int[] scale;
        private final double[] unitsPerPrice;
        private final double[] sigma;
        private final double[] logFloor;
        private final double[] logCeiling;
        private final double[] baseVolume;
        private final double[] logPrice;
        private final long[] closeUnits;

        private int barIndex;
        private int symbolIndex;
        private Instant time;

        Walk(long seed, List<String> symbolList, String timeframe, Instant start, Duration step, int barsPerSymbol) {
            this.symbols = symbolList.toArray(String[]::new);
            this.timeframe = timeframe;
            this.start = start;
            this.step = step;
            this.barsPerSymbol = barsPerSymbol;
            int n = symbols.length;
            random = new SplittableRandom[n];
            scale = new int[n];
            unitsPerPrice = new double[n];
            sigma = new double[n];
            logFloor = new double[n];
            logCeiling = new double[n];
            baseVolume = new double[n];
            logPrice = new double[n];
            closeUnits = new long[n];
            double stepSeconds = step.getSeconds() + step.getNano() / 1e9;
            for (int i = 0; i < n; i++) {
                // The golden-ratio multiplier spreads nearby seeds; SplittableRandom mixes the result again.
                SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + symbols[i].hashCode());
                random[i] = r;
                double startLog = r.nextDouble(0, Math.log(1000));
                double startPrice = Math.exp(startLog);
                scale[i] = startPrice < 10 ? 4 : startPrice < 100 ? 3 : 2;
                unitsPerPrice[i] = Math.pow(10, scale[i]);
                sigma[i] = r.nextDouble(0.2, 0.9) * Math.sqrt(stepSeconds / SECONDS_PER_YEAR);
                baseVolume[i] = Math.exp(r.nextDouble(Math.log(1e3), Math.log(1e6)));
                logFloor[i] = startLog - RANGE;
                logCeiling[i] = startLog + RANGE;
                logPrice[i] = startLog;
                closeUnits[i] = Math.max(1, Math.round(startPrice * unitsPerPrice[i]));
            }
        }

        @Override
        public boolean hasNext() {
            return barIndex < barsPerSymbol;
        }

        @Override
        public Bar next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (symbolIndex == 0) {
                time = start.plus(step.multipliedBy(barIndex));
            }
            Bar bar = nextBar(symbolIndex);
            if (++symbolIndex == symbols.length) {
                symbolIndex = 0;
                barIndex++;
            }
            return bar;
        }

        private Bar nextBar(int i) {
            SplittableRandom r = random[i];
            double z = r.nextGaussian();
            double wickUp = Math.abs(r.nextGaussian());
            double wickDown = Math.abs(r.nextGaussian());
            double volumeNoise = r.nextGaussian();

            double log = logPrice[i] + sigma[i] * z;
            if (log > logCeiling[i]) {
                log = 2 * logCeiling[i] - log;
            } else if (log < logFloor[i]) {
                log = 2 * logFloor[i] - log;
            }
            logPrice[i] = log;

            double units = unitsPerPrice[i];
            long open = closeUnits[i];
            long close = Math.max(1, Math.round(Math.exp(log) * units));
            long top = Math.max(open, close);
            long bottom = Math.min(open, close);
            long high = Math.max(top, (long) Math.ceil(top * Math.exp(sigma[i] * wickUp / 2)));
            long low = Math.max(1, Math.min(bottom, (long) Math.floor(bottom * Math.exp(-sigma[i] * wickDown / 2))));
            long volume = Math.round(baseVolume[i] * Math.exp(volumeNoise / 2) * (1 + Math.abs(z)));
            closeUnits[i] = close;

            int s = scale[i];
            return new Bar(symbols[i], timeframe, time, BigDecimal.valueOf(open, s), BigDecimal.valueOf(high, s),
                    BigDecimal.valueOf(low, s), BigDecimal.valueOf(close, s), BigDecimal.valueOf(volume));
        }
    }
}
