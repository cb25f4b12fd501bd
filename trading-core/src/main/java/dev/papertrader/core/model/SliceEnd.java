package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.time.Instant;

/**
 * Watermark: the producer has sent everything it will ever send for the time slice {@code time} (all bars
 * sharing that open time) on this address. It follows the slice's messages on the same address, so a
 * consumer reading the queue in order knows the slice is complete. See docs/contracts.md.
 *
 * @param source the stage that closed the slice: {@code monitor}, {@code router}, {@code orders}
 * @param time   the slice's bar open time
 * @param count  how many messages of the slice preceded it on this address (for checks and metrics)
 */
public record SliceEnd(String id, String source, Instant time, int count) {

    public SliceEnd {
        requiredText(id, "id");
        requiredText(source, "source");
        required(time, "time");
    }

    public static SliceEnd of(String source, String address, Instant time, int count) {
        return new SliceEnd(source + "|" + address + "|" + time, source, time, count);
    }
}
