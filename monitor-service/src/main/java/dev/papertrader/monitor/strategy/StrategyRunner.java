package dev.papertrader.monitor.strategy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.strategy.StrategyParameters;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.core.strategy.TradingStrategy;
import dev.papertrader.monitor.feed.Instrument;
import dev.papertrader.monitor.feed.TimeSlice;
import dev.papertrader.monitor.watchlist.WatchlistEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The strategy instances of the enabled watchlist entries, run on each slice.
 *
 * <p>Order (the in-process backtest's, so the live signals equal a backtest's): for each bar in slice order, each
 * entry of the bar's symbol and timeframe in watchlist (id) order.
 *
 * <p>Warm-up: a strategy's state is a function of the bars it has seen. So that a restart, a re-enabled entry or
 * changed parameters give the same signals as an uninterrupted run, every new instance is first fed every stored bar
 * of its symbol and timeframe, oldest first, and its signals are discarded ({@link #warmUp}); then it sees the live
 * slices. Not thread-safe: used from the service's serial executor only.
 */
public final class StrategyRunner {

    /** The running strategy of one watchlist entry. */
    public record Running(long watchlistId, Instrument instrument, TradingStrategy strategy) {
    }

    /** A signal and the watchlist entry (and timeframe) that produced it. */
    public record EmittedSignal(long watchlistId, String timeframe, Signal signal) {
    }

    private final StrategyRegistry registry;
    private final TreeMap<Long, Running> running = new TreeMap<>();
    private Map<Instrument, List<Running>> byInstrument;

    public StrategyRunner(StrategyRegistry registry) {
        this.registry = registry;
    }

    /**
     * A fresh instance for {@code entry}, replacing the entry's current one; it has seen no bar yet (warm it up).
     *
     * @throws IllegalArgumentException when the registry rejects the strategy name or its parameters
     */
    public Running start(WatchlistEntry entry) {
        Instrument instrument = new Instrument(entry.symbol(), entry.timeframe());
        TradingStrategy strategy = registry.create(entry.strategy(), instrument.symbol(),
                StrategyParameters.of(entry.parameters()));
        Running created = new Running(entry.id(), instrument, strategy);
        running.put(entry.id(), created);
        byInstrument = null;
        return created;
    }

    /** Drops the instance of the entry {@code watchlistId}, if it runs. */
    public void stop(long watchlistId) {
        if (running.remove(watchlistId) != null) {
            byInstrument = null;
        }
    }

    /** Drops every instance. */
    public void clear() {
        running.clear();
        byInstrument = null;
    }

    /** The running instances in watchlist order. */
    public List<Running> running() {
        return List.copyOf(running.values());
    }

    /**
     * Feeds {@code bars} (stored bars of one instrument, oldest first) to {@code instances} of that instrument,
     * discarding their signals.
     */
    public static void warmUp(Collection<Running> instances, List<Bar> bars) {
        for (Bar bar : bars) {
            for (Running instance : instances) {
                instance.strategy().onBar(bar);
            }
        }
    }

    /** Runs every matching instance on every bar of {@code slice}; the signals in the class comment's order. */
    public List<EmittedSignal> onSlice(TimeSlice slice) {
        if (byInstrument == null) {
            byInstrument = new HashMap<>();
            for (Running instance : running.values()) {
                byInstrument.computeIfAbsent(instance.instrument(), key -> new ArrayList<>()).add(instance);
            }
        }
        List<EmittedSignal> signals = new ArrayList<>();
        for (Bar bar : slice.bars()) {
            for (Running instance : byInstrument.getOrDefault(new Instrument(bar.symbol(), bar.timeframe()), List.of())) {
                for (Signal signal : instance.strategy().onBar(bar)) {
                    signals.add(new EmittedSignal(instance.watchlistId(), instance.instrument().timeframe(), signal));
                }
            }
        }
        return signals;
    }
}
