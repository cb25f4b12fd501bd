package dev.papertrader.backtest.report;

import static dev.papertrader.backtest.report.ReportFixtures.point;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EquityCsvWriterTest {

    private static Instant day(int n) {
        return Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * (n - 1));
    }

    @Test
    void drawdownIsTheFractionBelowTheRunningPeak() throws IOException {
        StringWriter out = new StringWriter();

        EquityCsvWriter.write(out, List.of(
                point(day(1), "100", "100"),
                point(day(2), "110", "50"),
                point(day(3), "99", "99"),
                point(day(4), "121.00", "0"),
                point(day(5), "110", "110")));

        // peaks 100, 110, 110, 121, 121 → (110 − 99) / 110 = 0.1; (121 − 110) / 121 = 1/11 to 16 digits
        assertThat(out.toString()).isEqualTo("""
                time,equity,cash,drawdown
                2024-01-01T00:00:00Z,100,100,0
                2024-01-02T00:00:00Z,110,50,0
                2024-01-03T00:00:00Z,99,99,0.1
                2024-01-04T00:00:00Z,121.00,0,0
                2024-01-05T00:00:00Z,110,110,0.09090909090909091
                """);
    }

    @Test
    void drawdownIsLeftEmptyWhileThePeakIsNotPositive() throws IOException {
        StringWriter out = new StringWriter();

        EquityCsvWriter.write(out, List.of(point(day(1), "0", "0"), point(day(2), "-5", "-5"),
                point(day(3), "20", "20"), point(day(4), "5", "5")));

        assertThat(out.toString()).isEqualTo("""
                time,equity,cash,drawdown
                2024-01-01T00:00:00Z,0,0,
                2024-01-02T00:00:00Z,-5,-5,
                2024-01-03T00:00:00Z,20,20,0
                2024-01-04T00:00:00Z,5,5,0.75
                """);
    }

    @Test
    void writesEquityCsvIntoTheDirectory(@TempDir Path temp) throws IOException {
        Path file = EquityCsvWriter.write(temp, ReportFixtures.curve());

        assertThat(file).isEqualTo(temp.resolve("equity.csv"));
        assertThat(Files.readAllLines(file)).containsExactly(
                "time,equity,cash,drawdown",
                "2013-01-02T00:00:00Z,100.00,100.00,0",
                "2013-01-03T00:00:00Z,110.00,10.00,0",
                "2013-01-04T00:00:00Z,99.00,99.00,0.1");
    }
}
