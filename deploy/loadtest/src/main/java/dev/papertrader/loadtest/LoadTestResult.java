package dev.papertrader.loadtest;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one load run, written as JSON and printed as a table.
 *
 * <p>Fractions of the limits: pipeline commits per second ÷ the single-connection commit loop's rate; broker messages
 * per second (copies put into the services' queues) ÷ the broker's send rate and ÷ the no-op consumer's rate. A
 * fraction near or above 1 says that resource bounds the pipeline (above 1 is possible for commits: the services
 * commit on several connections at once and PostgreSQL groups their WAL flushes).
 */
record LoadTestResult(Map<String, Object> settings, Map<String, String> machine, double startupSeconds, double loadSeconds,
                      Map<String, LatencySummary> latencies, double ordersPerSecond, double fillsPerSecond,
                      double commitsPerSecond, double brokerMessagesPerSecond, Map<String, ProcessSampler.Usage> processes,
                      Map<String, Long> observed, Map<String, Long> stored, PhysicalLimits.Result limits,
                      Map<String, Double> fractionOfLimits, long deadLetters, long errorLogLines, List<String> orderingNotes,
                      List<String> failures) {

    static LoadTestResult of(LoadTestOptions options, Map<String, String> machine, double startupSeconds, double loadSeconds,
                             PipelineObserver observer, Map<String, ProcessSampler.Usage> usage, long commits,
                             long brokerMessages, Map<String, Long> stored, PhysicalLimits.Result limits,
                             List<String> failures, long deadLetters, long errorLines) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("symbols", options.symbols());
        settings.put("barsPerSecond", options.barsPerSecond());
        settings.put("durationSeconds", options.duration());
        settings.put("warmupSeconds", options.warmup());
        settings.put("slices", options.slices());
        settings.put("externalDatabase", options.dbUrl().isPresent());
        settings.put("externalBroker", options.amqpUrl().isPresent());
        double commitRate = commits / loadSeconds;
        double brokerRate = brokerMessages < 0 ? Double.NaN : brokerMessages / loadSeconds;
        Map<String, Double> fractions = new LinkedHashMap<>();
        if (limits != null) {
            fractions.put("commits / commit loop", commitRate / limits.commitsPerSecond());
            fractions.put("broker messages / broker send rate", brokerRate / limits.brokerSendsPerSecond());
            fractions.put("broker messages / no-op consumer", brokerRate / limits.noOpConsumesPerSecond());
        }
        Map<String, String> machineAtEnd = new LinkedHashMap<>(machine);
        machineAtEnd.put("load average at end", LoadTestCommand.loadAverage());
        return new LoadTestResult(settings, machineAtEnd, startupSeconds, loadSeconds, observer.latencies(),
                observer.ordersPerSecond(), observer.fillsPerSecond(), commitRate, brokerRate, usage, observer.counts(),
                stored, limits, fractions, deadLetters, errorLines, observer.problems(), failures);
    }

    void printTable(PrintStream out) {
        out.println();
        out.printf("machine: %s processors, %s, %s; load average %s (start), %s (end)%n", machine.get("processors"),
                machine.get("cpu"), machine.get("java"), machine.get("load average"), machine.get("load average at end"));
        if (machine.containsKey("cpu pressure during load")) {
            out.println("cpu pressure during load: " + machine.get("cpu pressure during load"));
        }
        out.printf("load: %s symbols, %s bars/s, %s s; services ready after %.1f s; load + drain %.1f s%n",
                settings.get("symbols"), settings.get("barsPerSecond"), settings.get("durationSeconds"), startupSeconds, loadSeconds);
        out.println();
        out.printf("%-36s %8s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p90", "p99", "max");
        latencies.forEach((name, summary) -> out.printf("%-36s %8d %9.2f %9.2f %9.2f %9.2f%n", name, summary.count(),
                summary.p50(), summary.p90(), summary.p99(), summary.max()));
        out.println();
        out.printf("%-36s %10.0f%n", "orders/s (accepted decisions)", ordersPerSecond);
        out.printf("%-36s %10.0f%n", "fills/s", fillsPerSecond);
        out.printf("%-36s %10.0f%n", "PostgreSQL commits/s (all services)", commitsPerSecond);
        out.printf("%-36s %10.0f%n", "broker messages/s (into queues)", brokerMessagesPerSecond);
        out.println();
        out.printf("%-18s %10s %10s %12s %12s%n", "process", "CPU mean", "CPU peak", "RSS mean MB", "RSS peak MB");
        processes.forEach((name, usage) -> out.printf("%-18s %10.2f %10.2f %12.0f %12.0f%n", name, usage.meanCpuCores(),
                usage.peakCpuCores(), usage.meanRssKb() / 1024.0, usage.peakRssKb() / 1024.0));
        out.println();
        if (limits != null) {
            out.printf("physical limits (message %d bytes):%n", limits.messageBytes());
            out.printf("  %-34s %10.0f  (commit p50 %.2f ms, p99 %.2f ms)%n", "PostgreSQL insert+commit/s, 1 conn",
                    limits.commitsPerSecond(), limits.commitLatency().p50(), limits.commitLatency().p99());
            out.printf("  %-34s %10.2f ms p50, %.2f ms p99%n", "broker round trip", limits.brokerRoundTrip().p50(),
                    limits.brokerRoundTrip().p99());
            out.printf("  %-34s %10.0f%n", "broker durable sends/s", limits.brokerSendsPerSecond());
            out.printf("  %-34s %10.0f%n", "no-op consumer msgs/s", limits.noOpConsumesPerSecond());
            fractionOfLimits.forEach((name, fraction) -> out.printf("  %-34s %10.3f%n", name, fraction));
            out.println();
        }
        out.println("stored: " + stored);
        out.println("observed: " + observed);
        out.printf("dead letters %d, ERROR log lines %d%n", deadLetters, errorLogLines);
        if (!orderingNotes.isEmpty()) {
            out.println("ordering notes: " + orderingNotes.size() + ", first: " + orderingNotes.getFirst());
        }
        out.println(failures.isEmpty() ? "exactly-once checks: passed" : "exactly-once checks: FAILED " + failures);
    }
}
