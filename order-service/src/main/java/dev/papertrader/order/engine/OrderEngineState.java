package dev.papertrader.order.engine;

import static dev.papertrader.core.model.Checks.required;

import dev.papertrader.core.execution.ExecutionState;
import dev.papertrader.core.execution.ExecutionState.SymbolBars;
import dev.papertrader.core.model.Bar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the order service persists (as JSON in {@code engine_state}) after every change: the simulated exchange and
 * the two watermarks of the slice protocol. The exchange's bar history is stored apart, bar by bar, in
 * {@code bar_history}: {@code engine_state} holds the state {@linkplain #withoutBars() without the bar lists}.
 *
 * @param execution           the simulator's state
 * @param lastSlice           open time of the last slice processed; null before the first
 * @param routerClosedThrough latest slice the router has closed ({@code slice-end} on {@code trading.orders}); null
 *                            before the first
 */
public record OrderEngineState(ExecutionState execution, Instant lastSlice, Instant routerClosedThrough) {

    public OrderEngineState {
        required(execution, "execution");
    }

    /** This state with every symbol's bar list empty (its eviction mark stays): what {@code engine_state} holds. */
    public OrderEngineState withoutBars() {
        List<SymbolBars> marks = execution.bars().stream()
                .map(history -> new SymbolBars(history.symbol(), List.of(), history.evictedThrough()))
                .toList();
        return new OrderEngineState(new ExecutionState(execution.orders(), marks), lastSlice, routerClosedThrough);
    }

    /**
     * This state with the bars of {@code stored} (from {@code bar_history}) added to each symbol's list, oldest
     * first; a bar this state already holds (one written before the table existed) is kept once.
     */
    public OrderEngineState withBars(Map<String, List<Bar>> stored) {
        Map<String, SymbolBars> bySymbol = new TreeMap<>();
        execution.bars().forEach(history -> bySymbol.put(history.symbol(), history));
        stored.forEach((symbol, bars) -> bySymbol.merge(symbol, new SymbolBars(symbol, bars, null),
                (held, added) -> {
                    Map<Instant, Bar> byTime = new TreeMap<>();
                    held.bars().forEach(bar -> byTime.put(bar.openTime(), bar));
                    added.bars().forEach(bar -> byTime.putIfAbsent(bar.openTime(), bar));
                    List<Bar> merged = new ArrayList<>(byTime.values());
                    merged.sort(Comparator.comparing(Bar::openTime));
                    return new SymbolBars(symbol, merged, held.evictedThrough());
                }));
        return new OrderEngineState(new ExecutionState(execution.orders(), List.copyOf(bySymbol.values())),
                lastSlice, routerClosedThrough);
    }
}
