package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.time.Instant;

/**
 * Watermark: the producer has sent everything it will ever send for the time slice {@code time} (all bars
 * sharing that open time) on this address. It follows the slice's messages on the same address, so a
 * consumer reading the queue in order knows the slice is complete. See docs/contracts.md.
 *
 * @param source   the stage that closed the slice: {@code monitor}, {@code router}, {@code orders}
 * @param time     the slice's bar open time
 * @param count    how many messages of the slice preceded it on this address (for checks and metrics)
 * @param previous the producer's slice before this one, or null (the first, or a stage that does not say): lets a
 *                 consumer that sees slice {@code time} complete tell whether the slice before it is still to come
 *                 (redelivered after a failure), so that it never goes first
 */
public record SliceEnd(String id, String source, Instant time, int count, Instant previous) {

    public SliceEnd {
        requiredText(id, "id");
        requiredText(source, "source");
        required(time, "time");
        if (previous != null && !previous.isBefore(time)) {
            throw new IllegalArgumentException("previous must be before time " + time + ", was " + previous);
        }
    }

    /** A watermark that does not name the slice before it. */
    public SliceEnd(String id, String source, Instant time, int count) {
        this(id, source, time, count, null);
    }

    public static SliceEnd of(String source, String address, Instant time, int count) {
        return of(source, address, time, count, null);
    }

    public static SliceEnd of(String source, String address, Instant time, int count, Instant previous) {
        return new SliceEnd(source + "|" + address + "|" + time, source, time, count, previous);
    }
}
