package dev.papertrader.core.execution;

import dev.papertrader.core.model.Bar;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** The most recent bars of one symbol, kept so that a late order can be filled against them. */
final class BarHistory {

    private final ArrayDeque<Bar> bars = new ArrayDeque<>();
    private Instant evictedThrough;

    static BarHistory restore(ExecutionState.SymbolBars state, int capacity) {
        BarHistory history = new BarHistory();
        history.evictedThrough = state.evictedThrough();
        for (Bar bar : state.bars()) {
            history.append(bar, capacity);
        }
        return history;
    }

    /** Adds the bar if it is newer than the last one; returns false (and keeps nothing) otherwise. */
    boolean append(Bar bar, int capacity) {
        Bar last = bars.peekLast();
        if (last != null && !bar.openTime().isAfter(last.openTime())) {
            return false;
        }
        bars.addLast(bar);
        while (bars.size() > capacity) {
            evictedThrough = bars.removeFirst().openTime();
        }
        return true;
    }

    /** True when a bar newer than {@code time} has been dropped: an order created at {@code time} cannot catch up. */
    boolean evictedAfter(Instant time) {
        return evictedThrough != null && evictedThrough.isAfter(time);
    }

    Instant evictedThrough() {
        return evictedThrough;
    }

    /** The kept bars with an open time after {@code time}, oldest first. */
    List<Bar> after(Instant time) {
        ArrayList<Bar> newer = new ArrayList<>();
        Iterator<Bar> newestFirst = bars.descendingIterator();
        while (newestFirst.hasNext()) {
            Bar bar = newestFirst.next();
            if (!bar.openTime().isAfter(time)) {
                break;
            }
            newer.add(bar);
        }
        Collections.reverse(newer);
        return newer;
    }

    ExecutionState.SymbolBars state(String symbol) {
        return new ExecutionState.SymbolBars(symbol, List.copyOf(bars), evictedThrough);
    }
}
