package dev.papertrader.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class BacktestCommandTests {

    @TempDir
    Path out;

    @Test
    void referenceRunWritesTradesEquitySummaryAndReport(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launcher.launch("backtest", "--data", "aapl-2013", "--symbol", "AAPL", "--strategy",
                "macd-crossover", "--cash", "10000", "--sizing", "all-in", "--fractional", "--long-only", "--fill",
                "next-open", "--fee", "0", "--slippage", "0", "--out", out.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("252 bars").contains("final equity");
        List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        assertThat(trades.get(0)).startsWith("entry_time,entry_price,exit_time,exit_price,qty,pnl");
        assertThat(trades).hasSizeGreaterThan(1);
        assertThat(Files.readAllLines(out.resolve("equity.csv"))).hasSize(253);
        JsonNode summary = JsonCodec.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("trades").asInt()).isEqualTo(trades.size() - 1);
        assertThat(summary.get("final_equity").decimalValue()).isPositive();
        assertThat(summary.has("sharpe")).isTrue();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void everyRouterFillAndCostFlagIsAccepted(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("backtest", "--data", "aapl-2013", "--strategy",
                "macd-crossover;tsi-momentum:zeroLineConfirm=true", "--strategy", "rsi-divergence", "--sizing",
                "atr:1:2", "--order-type", "limit", "--limit-offset-bps", "10", "--tif", "day", "--allow", "AAPL",
                "--min-strength", "0.1", "--cooldown", "P3D", "--session", "00:00-23:59@UTC",
                "--max-position-qty", "100", "--max-gross-exposure", "50000", "--max-open-orders", "3",
                "--daily-loss-limit", "5", "--max-drawdown-halt", "20", "--latency-bars", "2",
                "--max-volume-share", "0.01", "--fee", "per-share:0.005:1", "--slippage", "impact:0.1",
                "--risk-free", "0.02", "--out", out.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(Files.exists(out.resolve("report.html"))).isTrue();
    }

    @Test
    void badInputIsAUsageErrorNamingTheProblem(QuarkusMainLauncher launcher) {
        LaunchResult unknownData = launcher.launch("backtest", "--data", "no-such-data", "--strategy",
                "macd-crossover", "--out", out.toString());
        assertThat(unknownData.exitCode()).isEqualTo(2);
        assertThat(unknownData.getErrorOutput()).contains("neither a readable CSV file nor a bundled data set");

        LaunchResult badSizing = launcher.launch("backtest", "--data", "aapl-2013", "--strategy", "macd-crossover",
                "--sizing", "percent:x", "--out", out.toString());
        assertThat(badSizing.exitCode()).isEqualTo(2);
        assertThat(badSizing.getErrorOutput()).contains("'x' is not a number");
    }

    @Test
    void indicatorsWritesOneRowPerBarWithBlanksWhileWarmingUp(QuarkusMainLauncher launcher) throws IOException {
        Path file = out.resolve("indicators.csv");
        LaunchResult result = launcher.launch("indicators", "--data", "aapl-2013", "--out", file.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        List<String> rows = Files.readAllLines(file);
        assertThat(rows.get(0)).isEqualTo("date,rsi14,macd,macd_signal,macd_hist,tsi,tsi_signal");
        assertThat(rows).hasSize(253);
        assertThat(rows.get(1)).isEqualTo("2013-01-02T00:00:00Z,,,,,,");
        assertThat(rows.get(252).split(",")).hasSize(7);
    }

    @Test
    void csvFilesWork(QuarkusMainLauncher launcher) throws IOException {
        Path csv = out.resolve("goog.csv");
        StringBuilder text = new StringBuilder("date,open,high,low,close,volume,adj_close\n");
        for (int day = 1; day <= 28; day++) {
            double base = 100 + Math.sin(day / 3.0) * 10;
            text.append(String.format(java.util.Locale.ROOT, "2024-02-%02d,%.2f,%.2f,%.2f,%.2f,1000,0%n", day, base,
                    base + 2, base - 2, base + 1));
        }
        Files.writeString(csv, text);
        LaunchResult result = launcher.launch("backtest", "--data", csv.toString(), "--strategy",
                "macd-crossover:fastPeriod=3,slowPeriod=6,signalPeriod=3", "--out", out.resolve("run").toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("GOOG");
    }
}
