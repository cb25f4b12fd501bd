package dev.papertrader.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.performance.PerformanceStats;
import dev.papertrader.core.portfolio.EquityPoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    private static String pathData(String html, String seriesClass) {
        Matcher matcher = Pattern.compile("<path class=\"" + seriesClass + "\" d=\"([^\"]*)\"").matcher(html);
        assertThat(matcher.find()).as("path of class %s", seriesClass).isTrue();
        return matcher.group(1);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void equityCurveIsPlottedAtHandComputedCoordinates() {
        String html = HtmlReportWriter.render(ReportFixtures.content());

        // Equity 100, 110, 99: ticks every 2.5 from 97.5 to 110; plot x 80..944, y 12..292 (height 320).
        // y = 12 + (110 − equity) / 12.5 × 280 → 236, 12, 258.4
        assertThat(pathData(html, "equity-line")).isEqualTo("M80,236 L512,12 L944,258.4");
        // Drawdown 0, 0, −10 %: axis −10..0 over y 12..152 (height 180); the area closes along zero.
        assertThat(pathData(html, "drawdown-line")).isEqualTo("M80,12 L512,12 L944,152");
        assertThat(pathData(html, "drawdown-line-area")).isEqualTo("M80,12 L512,12 L944,152 L944,12 L80,12 Z");
        assertThat(html).contains(">97.5</text>").contains(">110.0</text>").contains(">-10%</text>")
                .contains(">2013-01-02</text>").contains(">2013-01-04</text>");
    }

    @Test
    void listsEveryStatisticTheConfigurationAndEveryTrade() {
        String html = HtmlReportWriter.render(ReportFixtures.content());
        String stats = html.substring(html.indexOf("<table class=\"kv stats\">"), html.indexOf("<h2>Configuration"));
        String trades = html.substring(html.indexOf("<table class=\"trades\">"));

        assertThat(count(stats, "<tr>")).isEqualTo(PerformanceStats.class.getRecordComponents().length);
        assertThat(stats)
                .contains("<th>Final equity</th><td class=\"n\">99.00</td>")
                .contains("<th>Total return</th><td class=\"n\">-1.00%</td>")
                .contains("<th>CAGR</th><td class=\"n\">n/a</td>")
                .contains("<th>Sortino ratio</th><td class=\"n\">∞</td>")
                .contains("<th>Profit factor</th><td class=\"n\">10.75</td>")
                .contains("<th>Max drawdown duration</th><td class=\"n\">1d 0h 0m</td>")
                .contains("<th>Average holding time</th><td class=\"n\">1d 12h 0m</td>");
        assertThat(html).contains("<th>fee_rate</th><td>0.0010</td>").contains("<th>threshold</th><td>n/a</td>");
        assertThat(count(trades, "<tr><td class=\"n\">")).isEqualTo(2);
        assertThat(trades)
                .contains("<td>AAPL</td><td>LONG</td><td>2013-01-02 00:00</td><td class=\"n\">553.82</td>")
                .contains("<td class=\"n pos\">61.80</td>")
                .contains("<td>BRK,B</td><td>SHORT</td>")
                .contains("<td class=\"n neg\">-5.75</td>");
    }

    @Test
    void isSelfContainedAndEscapesText() {
        ReportContent content = new ReportContent("<script>alert('x')</script> & co",
                Map.of("note", "a < b"), ReportFixtures.stats(), ReportFixtures.curve(), List.of());
        String html = HtmlReportWriter.render(content);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg class=\"chart\"").endsWith("</html>\n");
        assertThat(html).doesNotContain("http://", "https://", "<script", "<link", "src=", "url(", "@import");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .contains("<td>a &lt; b</td>")
                .contains("No closed trades.");
    }

    @Test
    void emptyAndSinglePointCurvesStillRender() {
        String empty = HtmlReportWriter.render(new ReportContent(null, null, ReportFixtures.stats(), List.of(),
                List.of()));
        String single = HtmlReportWriter.render(new ReportContent("one", Map.of(), ReportFixtures.stats(),
                List.of(ReportFixtures.point(ReportFixtures.DAY_1, "100", "100")), List.of()));

        assertThat(empty).contains("<title>Backtest report</title>").contains(">no data</text>")
                .contains("No equity points.");
        // One point sits mid-plot; a flat value gets ±1 % of room (99..101).
        assertThat(pathData(single, "equity-line")).isEqualTo("M512,152");
        assertThat(single).contains("<circle class=\"equity-line-dot\" cx=\"512\" cy=\"152\"");
    }

    @Test
    void longCurvesAreThinnedToAFewPointsPerPixelColumn() {
        List<EquityPoint> curve = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 100_000; i++) {
            BigDecimal equity = BigDecimal.valueOf(10_000 + (i % 1000) - (i == 54_321 ? 5_000 : 0));
            curve.add(new EquityPoint(start.plus(Duration.ofMinutes(i)), equity, equity, BigDecimal.ZERO));
        }
        String html = HtmlReportWriter.render(new ReportContent("long", Map.of(), ReportFixtures.stats(), curve,
                List.of()));

        String equity = pathData(html, "equity-line");
        int drawn = count(equity, " L") + 1;
        assertThat(drawn).isLessThanOrEqualTo(4 * (SvgChart.WIDTH - 96)).isGreaterThan(SvgChart.WIDTH - 96);
        // The one-minute dip to 5,000 survives thinning: the axis (steps of 2,000) reaches down to 4,000 for it.
        assertThat(html).contains(">4,000</text>");
        long[] times = curve.stream().mapToLong(point -> point.time().toEpochMilli()).toArray();
        double[] values = curve.stream().mapToDouble(point -> point.equity().doubleValue()).toArray();
        assertThat(SvgChart.thin(times, values, SvgChart.WIDTH - 96)).contains(54_321);
    }

    @Test
    void thinningKeepsFirstLowestHighestAndLastOfEachColumn() {
        long[] times = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] values = {5, 9, 1, 6, 4, 4, 8, 2, 3, 7};

        // Two columns of the span 0..9: times 0..4 (t / 9 × 2 < 1) and 5..9.
        // Column 0: first 0, highest 1 (9), lowest 2 (1), last 4; column 1: first 5, highest 6 (8), lowest 7 (2), last 9.
        assertThat(SvgChart.thin(times, values, 2)).containsExactly(0, 1, 2, 4, 5, 6, 7, 9);
        // Few points are all drawn.
        assertThat(SvgChart.thin(times, values, 5)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(SvgChart.niceStep(1000)).isEqualTo(200);
        assertThat(SvgChart.niceStep(7)).isEqualTo(2);
        assertThat(SvgChart.niceStep(11)).isEqualTo(2.5);
        assertThat(SvgChart.niceStep(20)).isEqualTo(5);
        assertThat(SvgChart.niceStep(0.03)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void tickLabelsUseTheFewestDecimalsThatWriteTheStep() {
        assertThat(SvgChart.decimalsOf(200)).isZero();
        assertThat(SvgChart.decimalsOf(2.5)).isEqualTo(1);
        assertThat(SvgChart.decimalsOf(0.25)).isEqualTo(2);
        assertThat(SvgChart.decimalsOf(SvgChart.niceStep(0.03))).isEqualTo(2);
    }

    @Test
    void durationsReadAsDaysHoursMinutes() {
        assertThat(HtmlReportWriter.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(HtmlReportWriter.duration(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(HtmlReportWriter.duration(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(HtmlReportWriter.duration(Duration.ofHours(49))).isEqualTo("2d 1h 0m");
    }

    @Test
    void writesReportHtmlIntoTheDirectory(@TempDir Path temp) throws IOException {
        Path file = HtmlReportWriter.write(temp, ReportFixtures.content());

        assertThat(file).isEqualTo(temp.resolve("report.html"));
        assertThat(Files.readString(file)).isEqualTo(HtmlReportWriter.render(ReportFixtures.content()));
    }
}
