package dev.papertrader.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writesAllFourFilesIntoANewDirectory(@TempDir Path temp) throws IOException {
        Path dir = temp.resolve("target/backtest");

        ReportWriter.WrittenFiles files = ReportWriter.writeAll(dir, ReportFixtures.content());

        assertThat(files.tradesCsv()).isEqualTo(dir.resolve("trades.csv"));
        assertThat(files.equityCsv()).isEqualTo(dir.resolve("equity.csv"));
        assertThat(files.summaryJson()).isEqualTo(dir.resolve("summary.json"));
        assertThat(files.reportHtml()).isEqualTo(dir.resolve("report.html"));
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("trades.csv", "equity.csv", "summary.json", "report.html");
        }
        assertThat(Files.readAllLines(files.tradesCsv())).hasSize(3);
        assertThat(Files.readAllLines(files.equityCsv())).hasSize(4);
        assertThat(Files.readString(files.summaryJson())).contains("\"configuration\"");
        assertThat(Files.readString(files.reportHtml())).contains("<path class=\"equity-line\"");
    }

    @Test
    void rewritingReplacesTheFilesOfAnEarlierRun(@TempDir Path temp) throws IOException {
        ReportWriter.writeAll(temp, ReportFixtures.content());
        ReportContent noTrades = new ReportContent("again", null, ReportFixtures.stats(), ReportFixtures.curve(),
                java.util.List.of());

        ReportWriter.writeAll(temp, noTrades);

        assertThat(Files.readAllLines(temp.resolve("trades.csv"))).containsExactly(TradesCsvWriter.HEADER);
    }
}
