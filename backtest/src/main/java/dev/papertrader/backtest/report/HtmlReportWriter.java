package dev.papertrader.backtest.report;

import dev.papertrader.core.performance.PerformanceStats;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, no network, no other file) with the
 * equity curve, the drawdown curve, every statistic of {@link PerformanceStats}, the run's configuration and the
 * trades table.
 * <p>
 * Display rules: returns, volatility, drawdown, win rate and exposure as percent with two decimals; other ratios with
 * two decimals; money as exact plain decimals; durations as days, hours and minutes; NaN as "n/a" and infinity as
 * "∞". Times are UTC. The drawdown plot shows {@code −(peak − equity) / peak} in percent, as in {@code equity.csv}.
 * At most {@value #MAX_TRADE_ROWS} trades are listed (the page says so when there are more; {@code trades.csv} has
 * them all).
 */
public final class HtmlReportWriter {

    public static final String FILE_NAME = "report.html";
    static final int MAX_TRADE_ROWS = 10_000;

    private static final Set<String> PERCENT_STATS = Set.of("totalReturn", "cagr", "annualVolatility",
            "maxDrawdown", "winRate", "exposure");
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("startingEquity", "Starting equity"),
            Map.entry("finalEquity", "Final equity"),
            Map.entry("totalReturn", "Total return"),
            Map.entry("cagr", "CAGR"),
            Map.entry("annualVolatility", "Annual volatility"),
            Map.entry("sharpe", "Sharpe ratio"),
            Map.entry("sortino", "Sortino ratio"),
            Map.entry("calmar", "Calmar ratio"),
            Map.entry("maxDrawdown", "Max drawdown"),
            Map.entry("maxDrawdownDuration", "Max drawdown duration"),
            Map.entry("maxDrawdownDurationPeriods", "Max drawdown duration (bars)"),
            Map.entry("winRate", "Win rate"),
            Map.entry("profitFactor", "Profit factor"),
            Map.entry("expectancy", "Expectancy per trade"),
            Map.entry("exposure", "Exposure"),
            Map.entry("trades", "Trades"),
            Map.entry("averageHoldingTime", "Average holding time"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2430;
            margin:0;background:#f5f6f8}
            main{max-width:1000px;margin:0 auto;padding:24px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
            .meta{color:#5b6472;margin:0 0 16px}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{background:#fff;border:1px solid #e1e4ea;border-radius:6px;padding:10px 14px;min-width:130px}
            .card .k{color:#5b6472;font-size:12px}.card .v{font-size:18px;font-weight:600}
            .chart{display:block;width:100%;height:auto;background:#fff;border:1px solid #e1e4ea;border-radius:6px}
            .grid line{stroke:#e8eaef;stroke-width:1}.grid text,.empty{fill:#5b6472;font-size:11px}
            .equity-line{fill:none;stroke:#2563eb;stroke-width:1.5;stroke-linejoin:round}
            .equity-line-dot{fill:#2563eb}
            .drawdown-line{fill:none;stroke:#dc2626;stroke-width:1}
            .drawdown-line-area{fill:#dc2626;fill-opacity:.18;stroke:none}
            .drawdown-line-dot{fill:#dc2626}
            table{border-collapse:collapse;background:#fff;border:1px solid #e1e4ea;width:100%}
            th,td{padding:4px 10px;border-bottom:1px solid #eef0f3;text-align:left;white-space:nowrap}
            th{background:#f0f2f5;font-weight:600}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            table.kv{width:auto;min-width:50%}
            .pos{color:#15803d}.neg{color:#b91c1c}
            .note{color:#5b6472}
            """;

    private HtmlReportWriter() {
    }

    /** Writes {@code dir/report.html}, creating the directory if needed, replacing an older file; returns its path. */
    public static Path write(Path dir, ReportContent content) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, render(content), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The page as text. */
    public static String render(ReportContent content) {
        List<EquityPoint> curve = content.equityCurve();
        PerformanceStats stats = content.stats();
        StringBuilder html = new StringBuilder(32_768 + content.roundTrips().size() * 300);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(content.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");

        html.append("<h1>").append(Html.escape(content.title())).append("</h1>\n<p class=\"meta\">");
        if (curve.isEmpty()) {
            html.append("No equity points.");
        } else {
            html.append(Html.escape(time(curve.getFirst().time()))).append(" to ")
                    .append(Html.escape(time(curve.getLast().time()))).append(" UTC · ").append(curve.size())
                    .append(curve.size() == 1 ? " point · " : " points · ").append(content.roundTrips().size())
                    .append(content.roundTrips().size() == 1 ? " trade" : " trades");
        }
        html.append("</p>\n");

        html.append("<div class=\"cards\">\n");
        card(html, "Final equity", money(stats.finalEquity()));
        card(html, "Total return", percent(stats.totalReturn()));
        card(html, "Max drawdown", percent(stats.maxDrawdown()));
        card(html, "Sharpe ratio", ratio(stats.sharpe()));
        card(html, "Trades", Integer.toString(stats.trades()));
        html.append("</div>\n");

        appendCharts(html, curve);
        appendStatistics(html, stats);
        appendConfiguration(html, content.configuration());
        appendTrades(html, content.roundTrips());

        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void appendCharts(StringBuilder html, List<EquityPoint> curve) {
        long[] times = new long[curve.size()];
        double[] equity = new double[curve.size()];
        double[] drawdown = new double[curve.size()];
        List<BigDecimal> drawdowns = Drawdowns.of(curve);
        for (int i = 0; i < curve.size(); i++) {
            times[i] = curve.get(i).time().toEpochMilli();
            // Plotting is presentation: doubles are fine here, the files keep the exact values.
            equity[i] = curve.get(i).equity().doubleValue();
            BigDecimal fraction = drawdowns.get(i);
            drawdown[i] = fraction == null ? 0 : -fraction.doubleValue() * 100;
        }
        html.append("<h2>Equity</h2>\n")
                .append(SvgChart.render("equity-line", "Equity curve", times, equity, 320, false, SvgChart.Axis.MONEY))
                .append("<h2>Drawdown</h2>\n")
                .append(SvgChart.render("drawdown-line", "Drawdown from the running peak, percent", times, drawdown,
                        180, true, SvgChart.Axis.PERCENT));
    }

    private static void appendStatistics(StringBuilder html, PerformanceStats stats) {
        html.append("<h2>Statistics</h2>\n<table class=\"kv stats\">\n");
        for (RecordComponent component : PerformanceStats.class.getRecordComponents()) {
            Object value = read(component, stats);
            String name = component.getName();
            html.append("<tr><th>").append(Html.escape(LABELS.getOrDefault(name, humanize(name))))
                    .append("</th><td class=\"n\">").append(Html.escape(statistic(name, value))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void appendConfiguration(StringBuilder html, Map<String, Object> configuration) {
        html.append("<h2>Configuration</h2>\n");
        if (configuration.isEmpty()) {
            html.append("<p class=\"note\">None given.</p>\n");
            return;
        }
        html.append("<table class=\"kv config\">\n");
        configuration.forEach((key, value) -> html.append("<tr><th>").append(Html.escape(key)).append("</th><td>")
                .append(Html.escape(configValue(value))).append("</td></tr>\n"));
        html.append("</table>\n");
    }

    private static void appendTrades(StringBuilder html, List<RoundTrip> trips) {
        html.append("<h2>Trades</h2>\n");
        if (trips.isEmpty()) {
            html.append("<p class=\"note\">No closed trades.</p>\n");
            return;
        }
        if (trips.size() > MAX_TRADE_ROWS) {
            html.append("<p class=\"note\">Showing the first ").append(MAX_TRADE_ROWS).append(" of ")
                    .append(trips.size()).append(" trades; trades.csv lists them all.</p>\n");
        }
        html.append("<table class=\"trades\">\n<thead><tr><th>#</th><th>Symbol</th><th>Direction</th>")
                .append("<th>Entry (UTC)</th><th>Entry price</th><th>Exit (UTC)</th><th>Exit price</th>")
                .append("<th>Qty</th><th>P&amp;L</th><th>Fees</th></tr></thead>\n<tbody>\n");
        int shown = Math.min(trips.size(), MAX_TRADE_ROWS);
        for (int i = 0; i < shown; i++) {
            RoundTrip trip = trips.get(i);
            String pnlClass = trip.pnl() == null || trip.pnl().signum() == 0 ? "n"
                    : trip.pnl().signum() > 0 ? "n pos" : "n neg";
            html.append("<tr><td class=\"n\">").append(i + 1)
                    .append("</td><td>").append(Html.escape(trip.symbol()))
                    .append("</td><td>").append(trip.direction() == null ? "" : trip.direction().name())
                    .append("</td><td>").append(Html.escape(time(trip.entryTime())))
                    .append("</td><td class=\"n\">").append(money(trip.entryPrice()))
                    .append("</td><td>").append(Html.escape(time(trip.exitTime())))
                    .append("</td><td class=\"n\">").append(money(trip.exitPrice()))
                    .append("</td><td class=\"n\">").append(money(trip.qty()))
                    .append("</td><td class=\"").append(pnlClass).append("\">").append(money(trip.pnl()))
                    .append("</td><td class=\"n\">").append(money(trip.fees()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void card(StringBuilder html, String label, String value) {
        html.append("<div class=\"card\"><div class=\"k\">").append(Html.escape(label))
                .append("</div><div class=\"v\">").append(Html.escape(value)).append("</div></div>\n");
    }

    private static Object read(RecordComponent component, PerformanceStats stats) {
        try {
            return component.getAccessor().invoke(stats);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read statistic " + component.getName(), e);
        }
    }

    static String statistic(String name, Object value) {
        return switch (value) {
            case null -> "—";
            case Double d when PERCENT_STATS.contains(name) -> percent(d);
            case Double d -> ratio(d);
            case BigDecimal decimal -> money(decimal);
            case Duration duration -> duration(duration);
            default -> value.toString();
        };
    }

    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return ratio(fraction);
        }
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    static String ratio(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String money(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** {@code 3d 4h 5m}; below a minute, seconds. */
    static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "−" + duration(duration.negated());
        }
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            return duration.toSeconds() + "s";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toDays() > 0) {
            text.append(duration.toDays()).append("d ");
        }
        if (duration.toHoursPart() > 0 || !text.isEmpty()) {
            text.append(duration.toHoursPart()).append("h ");
        }
        text.append(duration.toMinutesPart()).append('m');
        return text.toString();
    }

    private static String configValue(Object value) {
        return switch (value) {
            case null -> "";
            case BigDecimal decimal -> decimal.toPlainString();
            case Double d -> Double.isFinite(d) ? d.toString() : ratio(d);
            default -> value.toString();
        };
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String humanize(String camelCase) {
        String spaced = camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
