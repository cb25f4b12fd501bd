package dev.papertrader.core.backtest;

import dev.papertrader.core.execution.ExecutionSimulator;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.performance.PerformanceCalculator;
import dev.papertrader.core.performance.PerformanceStats;
import dev.papertrader.core.portfolio.Account;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import dev.papertrader.core.router.RoutingResult;
import dev.papertrader.core.router.SignalRouter;
import dev.papertrader.core.strategy.StrategyParameters;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.core.strategy.TradingStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The in-process backtest: bars → strategies → router → simulated exchange → portfolio, in one thread,
 * deterministic. The live services run the same core objects and must reproduce this order of events.
 *
 * <p>Bars are processed in time slices (all bars sharing an open time). For a slice at time t:
 * <ol>
 *   <li>the exchange processes each bar: resting orders fill (an order created at t−1 fills at t's open);</li>
 *   <li>the account books those fills and is marked to each bar's close;</li>
 *   <li>each strategy of each bar's symbol sees the bar and may emit signals;</li>
 *   <li>the router decides each signal against the account as of the end of t, in slice order (bars in
 *       input order, strategies in configuration order); accepted orders go to the exchange and become
 *       eligible from the next bar of their symbol.</li>
 * </ol>
 */
public final class BacktestEngine {

    /** Receives progress as bars are processed; called at most once per slice. */
    public interface ProgressListener {
        void onProgress(long barsDone);

        ProgressListener NONE = barsDone -> {
        };
    }

    private final BacktestConfig config;
    private final StrategyRegistry registry;

    public BacktestEngine(BacktestConfig config, StrategyRegistry registry) {
        this.config = config;
        this.registry = registry;
        for (StrategySpec spec : config.strategies()) {
            // Fails now, with the registry's message, on an unknown name or a bad parameter.
            registry.create(spec.name(), "validation", StrategyParameters.of(spec.parameters()));
        }
    }

    public BacktestEngine(BacktestConfig config) {
        this(config, StrategyRegistry.builtIn());
    }

    public BacktestConfig config() {
        return config;
    }

    public BacktestResult run(Iterable<Bar> bars) {
        return run(bars.iterator(), ProgressListener.NONE);
    }

    public BacktestResult run(Iterator<Bar> bars, ProgressListener progress) {
        Run run = new Run();
        List<Bar> slice = new ArrayList<>();
        Instant sliceTime = null;
        while (bars.hasNext()) {
            Bar bar = bars.next();
            if (sliceTime != null && !bar.openTime().equals(sliceTime)) {
                if (bar.openTime().isBefore(sliceTime)) {
                    throw new IllegalArgumentException("bars must be in time order: " + bar.openTime()
                            + " after " + sliceTime);
                }
                run.process(slice);
                progress.onProgress(run.barCount);
                slice.clear();
            }
            sliceTime = bar.openTime();
            slice.add(bar);
        }
        if (!slice.isEmpty()) {
            run.process(slice);
            progress.onProgress(run.barCount);
        }
        return run.result();
    }

    /** The mutable state of one run. */
    private final class Run {
        final Account account = new Account(config.accountId(), config.startingCash(), config.tradingDayZone());
        final SignalRouter router = new SignalRouter(config.router(), config.accountId());
        final ExecutionSimulator exchange = new ExecutionSimulator(config.execution());
        final Map<String, List<TradingStrategy>> strategiesBySymbol = new HashMap<>();
        final List<Signal> signals = new ArrayList<>();
        final List<Decision> decisions = new ArrayList<>();
        final List<Order> orders = new ArrayList<>();
        final List<ExecutionEvent> executions = new ArrayList<>();
        final List<Signal> sliceSignals = new ArrayList<>();
        long barCount;

        void process(List<Bar> slice) {
            for (Bar bar : slice) {
                book(exchange.onBar(bar));
                account.mark(bar);
                barCount++;
            }
            sliceSignals.clear();
            for (Bar bar : slice) {
                for (TradingStrategy strategy : strategiesFor(bar.symbol())) {
                    sliceSignals.addAll(strategy.onBar(bar));
                }
            }
            if (sliceSignals.isEmpty()) {
                return;
            }
            // Built once per slice, and only when a signal needs it: snapshots are the costly part of a bar.
            PortfolioSnapshot portfolio = account.snapshot(slice.get(0).openTime());
            for (Signal signal : sliceSignals) {
                signals.add(signal);
                RoutingResult routing = router.route(signal, portfolio);
                decisions.add(routing.decision());
                if (routing.order() != null) {
                    orders.add(routing.order());
                    book(exchange.submit(routing.order()));
                }
            }
        }

        void book(List<ExecutionEvent> events) {
            for (ExecutionEvent event : events) {
                executions.add(event);
                if (event instanceof Fill fill) {
                    account.apply(fill);
                }
                router.onExecution(event);
            }
        }

        List<TradingStrategy> strategiesFor(String symbol) {
            // get first: computeIfAbsent would allocate its capturing lambda on every bar.
            List<TradingStrategy> strategies = strategiesBySymbol.get(symbol);
            if (strategies == null) {
                strategies = new ArrayList<>();
                for (StrategySpec spec : config.strategies()) {
                    strategies.add(registry.create(spec.name(), symbol, StrategyParameters.of(spec.parameters())));
                }
                strategiesBySymbol.put(symbol, strategies);
            }
            return strategies;
        }

        BacktestResult result() {
            // Each call copies the account's list (a million points in a long run): copy once.
            List<EquityPoint> curve = account.equityCurve();
            List<RoundTrip> trades = account.trades();
            Instant asOf = curve.isEmpty() ? Instant.EPOCH : curve.getLast().time();
            PerformanceStats stats = PerformanceCalculator.compute(config.startingCash(), curve, trades,
                    config.performance());
            return new BacktestResult(barCount, List.copyOf(signals), List.copyOf(decisions), List.copyOf(orders),
                    List.copyOf(executions), trades, curve, stats, account.snapshot(asOf));
        }
    }
}
