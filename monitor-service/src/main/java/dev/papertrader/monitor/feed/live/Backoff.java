package dev.papertrader.monitor.feed.live;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Reconnect and retry delays: exponential backoff with jitter, so that many clients cut off together do not come
 * back together.
 *
 * <p>Attempt n (n = 0 for the first retry) waits {@code base(n) × (1 − jitter + jitter × u)}, where
 * {@code base(n) = min(max, initial × 2^n)} and u is a uniform random number in [0, 1) from the given source (a
 * seeded {@code Random} in production, fixed numbers in tests). With jitter 0.5 the delay lies in
 * [base/2, base). The result is rounded down to whole milliseconds and is at least one millisecond.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier uniform;

    /**
     * @param jitter fraction of the base delay that is random, in [0, 1]
     * @param uniform numbers in [0, 1)
     */
    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier uniform) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " and " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.uniform = Objects.requireNonNull(uniform);
    }

    /** The base delay of attempt {@code n}: min(max, initial × 2^n), without jitter. */
    public Duration base(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative, was " + attempt);
        }
        if (attempt >= 62 || initial.toMillis() > (max.toMillis() >> Math.min(attempt, 62))) {
            return max;
        }
        return Duration.ofMillis(Math.min(max.toMillis(), initial.toMillis() << attempt));
    }

    /** The delay before retry {@code attempt} (0-based), jittered as the class comment says. */
    public Duration delay(int attempt) {
        double factor = 1 - jitter + jitter * uniform.getAsDouble();
        long millis = (long) Math.floor(base(attempt).toMillis() * factor);
        return Duration.ofMillis(Math.max(1, millis));
    }
}
