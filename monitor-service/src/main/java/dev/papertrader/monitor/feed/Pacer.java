package dev.papertrader.monitor.feed;

/**
 * Paces the feed at a rate of slices per second, with a monotonic clock (pacing only: no decision depends on it).
 *
 * <p>Slice n (n = 0, 1, 2...) is due at start + n × interval, interval = 1 / rate seconds; after publishing a slice
 * the feed waits until the next one is due, rounded up to whole milliseconds (Vert.x timers count milliseconds).
 * When publishing falls behind by more than one second, the schedule restarts from now instead of bursting to
 * catch up. Rate 0 means no waiting at all.
 */
public final class Pacer {

    private static final long MAX_LAG_NANOS = 1_000_000_000L;

    private final double rate;
    private final long intervalNanos;
    private long nextDue;

    /** @param rate slices per second, 0 for as fast as possible */
    public Pacer(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be 0 or positive, was " + rate);
        }
        this.rate = rate;
        this.intervalNanos = rate == 0 ? 0 : Math.max(1, Math.round(1e9 / rate));
    }

    public double rate() {
        return rate;
    }

    /** Starts the schedule: the first slice is due at {@code nowNanos}. */
    public void start(long nowNanos) {
        nextDue = nowNanos;
    }

    /** Milliseconds to wait, at {@code nowNanos}, after a slice was published, before publishing the next one. */
    public long delayAfterSlice(long nowNanos) {
        if (rate == 0) {
            return 0;
        }
        nextDue += intervalNanos;
        if (nowNanos - nextDue > MAX_LAG_NANOS) {
            nextDue = nowNanos;
        }
        long wait = nextDue - nowNanos;
        return wait <= 0 ? 0 : (wait + 999_999) / 1_000_000;
    }
}
