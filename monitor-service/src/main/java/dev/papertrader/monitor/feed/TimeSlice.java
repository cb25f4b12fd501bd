package dev.papertrader.monitor.feed;

import dev.papertrader.core.model.Bar;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The bars that share one open time, at most one per symbol, in the feed's fixed symbol order: the unit the monitor
 * publishes, closed by a {@code slice-end} watermark (docs/contracts.md).
 *
 * @param time the open time of every bar
 * @param bars one or more bars
 */
public record TimeSlice(Instant time, List<Bar> bars) {

    public TimeSlice {
        Objects.requireNonNull(time, "time is required");
        bars = List.copyOf(bars);
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("a slice has at least one bar");
        }
        Set<String> symbols = new HashSet<>();
        for (Bar bar : bars) {
            if (!bar.openTime().equals(time)) {
                throw new IllegalArgumentException("bar " + bar.id() + " does not open at the slice time " + time);
            }
            if (!symbols.add(bar.symbol())) {
                throw new IllegalArgumentException("two bars of " + bar.symbol() + " in the slice at " + time);
            }
        }
    }
}
