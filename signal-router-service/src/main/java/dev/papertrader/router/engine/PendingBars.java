package dev.papertrader.router.engine;

import dev.papertrader.core.model.Bar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bars the router holds, unacknowledged, until the monitor's {@code slice-end} on {@code market.bars} closes their
 * slice, so that a slice's bars become last prices in one transaction instead of one each. A bar of a slice already
 * closed (late, or sent again) is not held: there is nothing left to wait for.
 *
 * @param <H> the unacknowledged message a bar came in
 */
public final class PendingBars<H> {

    /** A held bar with its message id and handle. */
    public record Entry<H>(String id, Bar bar, H handle) {
    }

    private final Map<String, Entry<H>> byId = new LinkedHashMap<>();
    private Instant closedThrough;

    /**
     * Holds a bar; the same id delivered again replaces the held delivery.
     *
     * @return the handle of the delivery it replaces, to be let go
     */
    public Optional<H> add(String id, Bar bar, H handle) {
        Entry<H> replaced = byId.put(id, new Entry<>(id, bar, handle));
        return Optional.ofNullable(replaced).map(Entry::handle);
    }

    /** Whether the slice of {@code time} has been closed already (then its bars are not held). */
    public boolean isClosed(Instant time) {
        return closedThrough != null && !time.isAfter(closedThrough);
    }

    /** Removes and returns the held bars of slices at or before {@code time}, in arrival order. */
    public List<Entry<H>> takeThrough(Instant time) {
        List<Entry<H>> taken = new ArrayList<>();
        for (Iterator<Entry<H>> it = byId.values().iterator(); it.hasNext(); ) {
            Entry<H> entry = it.next();
            if (!entry.bar().openTime().isAfter(time)) {
                taken.add(entry);
                it.remove();
            }
        }
        return taken;
    }

    /** Records that the slice of {@code time} is committed, with every earlier one. */
    public void closed(Instant time) {
        if (closedThrough == null || time.isAfter(closedThrough)) {
            closedThrough = time;
        }
    }

    /** Number of held bars. */
    public int size() {
        return byId.size();
    }
}
