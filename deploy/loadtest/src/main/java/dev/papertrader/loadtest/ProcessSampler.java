package dev.papertrader.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples CPU and resident memory of named process groups once a second from {@code /proc} (Linux).
 *
 * <p>CPU of a group = Σ (utime + stime) of its processes, in clock ticks ({@value #CLOCK_TICKS_PER_SECOND} per
 * second, the Linux USER_HZ); its CPU share over an interval = Δticks / ticks per second / interval seconds (1.0 =
 * one core busy). RSS of a group = Σ VmRSS. Processes that are gone are skipped.
 */
final class ProcessSampler implements AutoCloseable {

    static final int CLOCK_TICKS_PER_SECOND = 100;

    /** Usage of one group over the sampled interval. */
    record Usage(double meanCpuCores, double peakCpuCores, long meanRssKb, long peakRssKb, int samples) {
    }

    private final Map<String, Supplier<List<Long>>> groups;
    private final Map<String, long[]> previousTicks = new LinkedHashMap<>();
    private final Map<String, Accumulator> accumulators = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "process-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long previousNanos;

    /** @param groups name → the pids of the group, asked again at each sample */
    ProcessSampler(Map<String, Supplier<List<Long>>> groups) {
        this.groups = new LinkedHashMap<>(groups);
        groups.keySet().forEach(name -> accumulators.put(name, new Accumulator()));
    }

    void start() {
        previousNanos = System.nanoTime();
        groups.forEach((name, pids) -> previousTicks.put(name, new long[] {ticks(pids.get())}));
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        double seconds = (now - previousNanos) / 1e9;
        previousNanos = now;
        groups.forEach((name, pidSupplier) -> {
            List<Long> pids = pidSupplier.get();
            long ticks = ticks(pids);
            long[] previous = previousTicks.get(name);
            double cores = Math.max(0, ticks - previous[0]) / (double) CLOCK_TICKS_PER_SECOND / seconds;
            previous[0] = ticks;
            accumulators.get(name).add(cores, pids.stream().mapToLong(ProcessSampler::rssKb).sum());
        });
    }

    /** Usage per group since {@link #start()}. */
    synchronized Map<String, Usage> usage() {
        Map<String, Usage> result = new LinkedHashMap<>();
        accumulators.forEach((name, accumulator) -> result.put(name, accumulator.usage()));
        return result;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static long ticks(List<Long> pids) {
        return pids.stream().mapToLong(ProcessSampler::ticks).sum();
    }

    private static long ticks(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long rssKb(long pid) {
        try {
            return residentKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line: fields 14 and 15, counted after the command name in
     * parentheses (which may contain spaces), i.e. the 12th and 13th fields after the closing parenthesis.
     */
    static long cpuTicks(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The {@code VmRSS:} value of a {@code /proc/<pid>/status} text, in kB; 0 when absent (a zombie). */
    static long residentKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static final class Accumulator {
        private double cpuSum;
        private double cpuPeak;
        private long rssSum;
        private long rssPeak;
        private int samples;

        void add(double cores, long rssKb) {
            cpuSum += cores;
            cpuPeak = Math.max(cpuPeak, cores);
            rssSum += rssKb;
            rssPeak = Math.max(rssPeak, rssKb);
            samples++;
        }

        Usage usage() {
            return samples == 0 ? new Usage(0, 0, 0, 0, 0)
                    : new Usage(cpuSum / samples, cpuPeak, rssSum / samples, rssPeak, samples);
        }
    }
}
