/**
 * Writes a backtest's results to a directory: {@code trades.csv} ({@link dev.papertrader.backtest.report.TradesCsvWriter}),
 * {@code equity.csv} ({@link dev.papertrader.backtest.report.EquityCsvWriter}), {@code summary.json}
 * ({@link dev.papertrader.backtest.report.SummaryJsonWriter}) and a self-contained {@code report.html}
 * ({@link dev.papertrader.backtest.report.HtmlReportWriter}); {@link dev.papertrader.backtest.report.ReportWriter}
 * writes all four. Files are UTF-8; times are ISO-8601 in UTC; decimals are written in plain notation, exactly.
 */
package dev.papertrader.backtest.report;
