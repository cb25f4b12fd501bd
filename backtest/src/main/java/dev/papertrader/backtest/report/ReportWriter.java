package dev.papertrader.backtest.report;

import java.nio.file.Path;

/** Writes every report file of a backtest run into one directory. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Paths of the files written. */
    public record WrittenFiles(Path tradesCsv, Path equityCsv, Path summaryJson, Path reportHtml) {
    }

    /**
     * Writes {@code trades.csv}, {@code equity.csv}, {@code summary.json} and {@code report.html} into {@code dir},
     * creating it if needed and replacing files of an earlier run.
     */
    public static WrittenFiles writeAll(Path dir, ReportContent content) {
        return new WrittenFiles(
                TradesCsvWriter.write(dir, content.roundTrips()),
                EquityCsvWriter.write(dir, content.equityCurve()),
                SummaryJsonWriter.write(dir, content.stats(), content.configuration()),
                HtmlReportWriter.write(dir, content));
    }
}
