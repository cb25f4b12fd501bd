package dev.papertrader.core.performance;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How signals fared over the bars that followed them, per strategy: a quick way to judge a strategy on history
 * before turning it on (used by the monitor's backfill report; pure, so a backtest can reuse it).
 *
 * <p>For a signal on bar i of its symbol (matched by open time; c_i is that bar's close) and a horizon of N bars,
 * when bar i + N exists:
 * <ul>
 * <li>the <b>directional forward return</b> is r = c_{i+N} / c_i − 1 for a BUY and r = −(c_{i+N} / c_i − 1) for a
 * SELL (the return of acting on the signal, before costs);</li>
 * <li>the signal <b>hits</b> when r &gt; 0: a BUY hits when the close N bars later is higher, a SELL when it is
 * lower; an unchanged close is a miss.</li>
 * </ul>
 * Per strategy and horizon: {@code evaluated} = signals with a bar N bars later (a signal too close to the end of
 * the data, or whose bar is unknown, is counted in {@code signals} but not evaluated), {@code hitRate} = hits /
 * evaluated and {@code meanReturn} = the mean of r over the evaluated signals, both 0 when none was evaluated.
 * Ratios are computed in double (statistics, not money). Strategies are listed by name.
 */
public final class ForwardReturns {

    /** The horizons of the backfill report: 1, 5 and 20 bars. */
    public static final List<Integer> DEFAULT_HORIZONS = List.of(1, 5, 20);

    /** The statistics of one horizon. */
    public record Horizon(int bars, int evaluated, int hits, double hitRate, double meanReturn) {
    }

    /** The statistics of one strategy: its signals, and one {@link Horizon} per horizon asked for, in that order. */
    public record StrategyStats(String strategy, int signals, int buys, int sells, List<Horizon> horizons) {
        public StrategyStats {
            horizons = List.copyOf(horizons);
        }
    }

    private ForwardReturns() {
    }

    /**
     * The statistics of {@code signals} over {@code bars} (of one or several symbols, each symbol's in ascending open
     * time).
     *
     * @throws IllegalArgumentException when a horizon is not positive
     */
    public static List<StrategyStats> compute(List<Bar> bars, List<Signal> signals, List<Integer> horizons) {
        for (int horizon : horizons) {
            if (horizon < 1) {
                throw new IllegalArgumentException("horizons must be positive, was " + horizon);
            }
        }
        Map<String, List<Bar>> bySymbol = new HashMap<>();
        Map<String, Map<Instant, Integer>> indexBySymbol = new HashMap<>();
        for (Bar bar : bars) {
            List<Bar> series = bySymbol.computeIfAbsent(bar.symbol(), key -> new ArrayList<>());
            indexBySymbol.computeIfAbsent(bar.symbol(), key -> new HashMap<>()).put(bar.openTime(), series.size());
            series.add(bar);
        }
        Map<String, List<Signal>> byStrategy = new TreeMap<>();
        for (Signal signal : signals) {
            byStrategy.computeIfAbsent(signal.strategy(), key -> new ArrayList<>()).add(signal);
        }
        List<StrategyStats> result = new ArrayList<>(byStrategy.size());
        for (Map.Entry<String, List<Signal>> entry : byStrategy.entrySet()) {
            List<Signal> own = entry.getValue();
            int buys = (int) own.stream().filter(s -> s.type() == SignalType.BUY).count();
            List<Horizon> stats = new ArrayList<>(horizons.size());
            for (int horizon : horizons) {
                int evaluated = 0;
                int hits = 0;
                double sum = 0;
                for (Signal signal : own) {
                    List<Bar> series = bySymbol.get(signal.symbol());
                    Integer index = series == null ? null : indexBySymbol.get(signal.symbol()).get(signal.barTime());
                    if (index == null || index + horizon >= series.size()) {
                        continue;
                    }
                    double entryClose = series.get(index).close().doubleValue();
                    double exitClose = series.get(index + horizon).close().doubleValue();
                    double move = exitClose / entryClose - 1;
                    double directional = signal.type() == SignalType.BUY ? move : -move;
                    evaluated++;
                    if (directional > 0) {
                        hits++;
                    }
                    sum += directional;
                }
                stats.add(new Horizon(horizon, evaluated, hits, evaluated == 0 ? 0 : (double) hits / evaluated,
                        evaluated == 0 ? 0 : sum / evaluated));
            }
            result.add(new StrategyStats(entry.getKey(), own.size(), buys, own.size() - buys, stats));
        }
        return result;
    }
}
