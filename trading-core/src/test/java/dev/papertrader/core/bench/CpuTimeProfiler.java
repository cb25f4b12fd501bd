package dev.papertrader.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Throughput per CPU second, for a shared machine: wall-clock ops/s drops when other processes take the cores, CPU
 * time spent by the benchmark much less so. Per iteration it reports
 * <ul>
 * <li>{@code cpu.worker.rate}: ops per CPU second of the benchmark threads (JMH's {@code jmh-worker} threads), i.e.
 * ops/s on one core it has to itself;</li>
 * <li>{@code cpu.process.rate}: ops per CPU second of the whole JVM (garbage collector and JIT compiler
 * included).</li>
 * </ul>
 * Use with {@code -prof dev.papertrader.core.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long workerStart;
    private long processStart;

    @Override
    public String getDescription() {
        return "ops per CPU second of the benchmark threads and of the whole JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workerStart = workerCpuNanos();
        processStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long worker = workerCpuNanos() - workerStart;
        long process = os.getProcessCpuTime() - processStart;
        double ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult("cpu.worker.rate", worker > 0 ? ops / (worker / 1e9) : Double.NaN,
                        "ops/cpu-s", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.rate", process > 0 ? ops / (process / 1e9) : Double.NaN,
                        "ops/cpu-s", AggregationPolicy.AVG));
    }

    /** CPU time of every live JMH worker thread; a thread that ended in between is missed (JMH reuses them). */
    private long workerCpuNanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
