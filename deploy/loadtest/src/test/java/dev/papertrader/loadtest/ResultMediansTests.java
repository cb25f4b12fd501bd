package dev.papertrader.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultMediansTests {

    @TempDir
    Path directory;

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertThat(ResultMedians.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(ResultMedians.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(ResultMedians.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
        assertThat(ResultMedians.median(List.of())).isNaN();
    }

    private Path result(String name, double p50, double orders, boolean failed) throws IOException {
        String json = """
                {"machine": {"load average": "0.5 0.4 0.3", "cpu pressure during load": "12.5%% of the time ..."},
                 "latencies": {"bar -> portfolio update": {"count": 10, "p50": %s, "p90": 2, "p99": 3, "max": 4}},
                 "ordersPerSecond": %s, "fillsPerSecond": 1, "commitsPerSecond": 100, "brokerMessagesPerSecond": 50,
                 "processes": {"orders": {"meanCpuCores": 0.1, "peakCpuCores": 0.2, "meanRssKb": 102400,
                                          "peakRssKb": 153600}},
                 "failures": %s}""".formatted(p50, orders, failed ? "[\"lost a fill\"]" : "[]");
        Path file = directory.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void printsTheMedianOfEachFigureOverTheRunsAsMarkdown() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(result("a.json", 40.0, 30, false));
        files.add(result("b.json", 10.0, 10, false));
        files.add(result("c.json", 25.0, 20, true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ResultMedians.read(files).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("runs: a.json, b.json, c.json; load average at start: 0.5 0.4 0.3;")
                .contains("| bar -> portfolio update | 10 | 25.00 | 2.00 | 3.00 | 4.00 |")
                .contains("| orders/s (accepted decisions) | 20 |")
                .contains("| orders | 0.10 | 0.20 | 100 | 150 |")
                .contains("exactly-once checks: passed; passed; FAILED (1); CPU pressure: 12.5%; 12.5%; 12.5%")
                .doesNotContain("physical limit");
    }
}
