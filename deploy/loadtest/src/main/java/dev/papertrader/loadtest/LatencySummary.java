package dev.papertrader.loadtest;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds.
 *
 * @param count how many latencies were recorded
 */
record LatencySummary(long count, double p50, double p90, double p99, double max) {

    /** Summarises a histogram of microseconds. */
    static LatencySummary ofMicros(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(histogram.getTotalCount(), millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()));
    }

    /** A histogram for microsecond latencies up to one hour, 3 significant digits. */
    static Histogram newMicrosHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
