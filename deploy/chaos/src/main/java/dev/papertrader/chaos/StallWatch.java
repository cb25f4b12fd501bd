package dev.papertrader.chaos;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Tells a run that has stopped moving from one that is slow: it is stalled when what it reports as its progress has
 * not changed for {@code limit}. A long data set on a busy machine may take an hour and is fine while it moves; a
 * lost message stops it for good, and that must fail the run rather than hang it.
 */
final class StallWatch {

    private final Duration limit;
    private final LongSupplier nanoTime;
    private Object lastProgress;
    private long lastChange;

    StallWatch(Duration limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.lastChange = nanoTime.getAsLong();
    }

    /**
     * Records what the run reports now (null when it cannot be read, e.g. while PostgreSQL restarts: no change).
     *
     * @return whether the progress has not changed for longer than the limit
     */
    boolean stalled(Object progress) {
        long now = nanoTime.getAsLong();
        if (progress != null && !Objects.equals(progress, lastProgress)) {
            lastProgress = progress;
            lastChange = now;
        }
        return now - lastChange > limit.toNanos();
    }

    Duration limit() {
        return limit;
    }
}
