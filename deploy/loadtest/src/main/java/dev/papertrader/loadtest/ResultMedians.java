package dev.papertrader.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code ./papertrader loadtest --medians A.json B.json C.json}: the median, over several results of the same load,
 * of every figure a run prints (latencies, throughput, CPU and RSS, the physical limits and the fractions), as the
 * Markdown tables of docs/performance.md. A figure missing from a run is left out of its median.
 */
final class ResultMedians {

    private static final String[] PERCENTILES = {"p50", "p90", "p99", "max"};

    private final List<JsonNode> runs;
    private final List<String> names;

    private ResultMedians(List<JsonNode> runs, List<String> names) {
        this.runs = runs;
        this.names = names;
    }

    static ResultMedians read(List<Path> files) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> runs = new ArrayList<>();
        for (Path file : files) {
            runs.add(mapper.readTree(file.toFile()));
        }
        return new ResultMedians(runs, files.stream().map(file -> file.getFileName().toString()).toList());
    }

    /** The median of the values, the mean of the middle two for an even count; NaN when there is none. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(value -> !value.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private double medianOf(Function<JsonNode, JsonNode> field) {
        List<Double> values = new ArrayList<>();
        for (JsonNode run : runs) {
            JsonNode value = field.apply(run);
            values.add(value == null || !value.isNumber() ? Double.NaN : value.asDouble());
        }
        return median(values);
    }

    private static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null) {
                return null;
            }
            current = current.get(name);
        }
        return current;
    }

    private Set<String> keys(String... path) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode run : runs) {
            JsonNode node = at(run, path);
            if (node != null) {
                node.fieldNames().forEachRemaining(keys::add);
            }
        }
        return keys;
    }

    void print(PrintStream out) {
        out.println("runs: " + String.join(", ", names) + "; load average at start: " + String.join("; ",
                runs.stream().map(run -> text(at(run, "machine", "load average"))).toList()));
        out.println();
        out.println("| latency (ms), median of runs | count | p50 | p90 | p99 | max |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (String hop : keys("latencies")) {
            StringBuilder row = new StringBuilder("| " + hop + " | "
                    + number(medianOf(run -> at(run, "latencies", hop, "count")), 0));
            for (String percentile : PERCENTILES) {
                row.append(" | ").append(number(medianOf(run -> at(run, "latencies", hop, percentile)), 2));
            }
            out.println(row.append(" |"));
        }
        out.println();
        out.println("| throughput, median of runs | value |");
        out.println("|---|---:|");
        out.println("| orders/s (accepted decisions) | " + number(medianOf(run -> run.get("ordersPerSecond")), 0) + " |");
        out.println("| fills/s | " + number(medianOf(run -> run.get("fillsPerSecond")), 0) + " |");
        out.println("| PostgreSQL commits/s, all services | " + number(medianOf(run -> run.get("commitsPerSecond")), 0) + " |");
        out.println("| broker messages/s into the services' queues | "
                + number(medianOf(run -> run.get("brokerMessagesPerSecond")), 0) + " |");
        out.println();
        out.println("| process | CPU mean (cores) | CPU peak | RSS mean MB | RSS peak MB |");
        out.println("|---|---:|---:|---:|---:|");
        for (String process : keys("processes")) {
            out.println("| " + process
                    + " | " + number(medianOf(run -> at(run, "processes", process, "meanCpuCores")), 2)
                    + " | " + number(medianOf(run -> at(run, "processes", process, "peakCpuCores")), 2)
                    + " | " + number(medianOf(run -> at(run, "processes", process, "meanRssKb")) / 1024, 0)
                    + " | " + number(medianOf(run -> at(run, "processes", process, "peakRssKb")) / 1024, 0) + " |");
        }
        if (!keys("limits").isEmpty()) {
            out.println();
            out.println("| physical limit (same run, message " + number(medianOf(run -> at(run, "limits", "messageBytes")), 0)
                    + " bytes), median | value |");
            out.println("|---|---:|");
            out.println("| PostgreSQL insert+commit/s, one JDBC connection | "
                    + number(medianOf(run -> at(run, "limits", "commitsPerSecond")), 0) + " |");
            out.println("| PostgreSQL commit latency p50 / p99 (ms) | "
                    + number(medianOf(run -> at(run, "limits", "commitLatency", "p50")), 2) + " / "
                    + number(medianOf(run -> at(run, "limits", "commitLatency", "p99")), 2) + " |");
            out.println("| broker round trip p50 / p99 (ms) | "
                    + number(medianOf(run -> at(run, "limits", "brokerRoundTrip", "p50")), 2) + " / "
                    + number(medianOf(run -> at(run, "limits", "brokerRoundTrip", "p99")), 2) + " |");
            out.println("| broker durable sends/s (500 in flight) | "
                    + number(medianOf(run -> at(run, "limits", "brokerSendsPerSecond")), 0) + " |");
            out.println("| no-op consumer messages/s (messaging floor) | "
                    + number(medianOf(run -> at(run, "limits", "noOpConsumesPerSecond")), 0) + " |");
            out.println();
            out.println("| pipeline ÷ limit, median | fraction |");
            out.println("|---|---:|");
            for (String fraction : keys("fractionOfLimits")) {
                out.println("| " + fraction + " | " + number(medianOf(run -> at(run, "fractionOfLimits", fraction)), 3) + " |");
            }
        }
        out.println();
        out.println("exactly-once checks: " + String.join("; ", runs.stream().map(run -> {
            JsonNode failures = run.get("failures");
            return failures == null || failures.isEmpty() ? "passed" : "FAILED (" + failures.size() + ")";
        }).toList()) + "; CPU pressure: " + String.join("; ", runs.stream()
                .map(run -> text(at(run, "machine", "cpu pressure during load")).replaceAll(" of the time.*", ""))
                .toList()));
    }

    private static String text(JsonNode node) {
        return node == null ? "-" : node.asText();
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static void main(String... files) throws IOException {
        read(Arrays.stream(files).map(Path::of).toList()).print(System.out);
    }
}
