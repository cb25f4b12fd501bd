package dev.papertrader.backtest.report;

import dev.papertrader.core.performance.PerformanceStats;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the report files are made of: one backtest run's results and the settings it ran with.
 *
 * @param title         heading of the HTML report, e.g. {@code "macd-crossover on aapl-2013"}
 * @param configuration the run's settings (data set, strategy, parameters, fees...), written as given, in the map's
 *                      iteration order: pass a {@link LinkedHashMap} for a chosen order
 * @param stats         statistics of the run
 * @param equityCurve   the account at each bar, in time order
 * @param roundTrips    closed trades, in the order they closed
 */
public record ReportContent(String title, Map<String, Object> configuration, PerformanceStats stats,
        List<EquityPoint> equityCurve, List<RoundTrip> roundTrips) {

    public ReportContent {
        title = title == null || title.isBlank() ? "Backtest report" : title;
        configuration = configuration == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        Objects.requireNonNull(stats, "stats is required");
        equityCurve = List.copyOf(Objects.requireNonNull(equityCurve, "equityCurve is required"));
        roundTrips = List.copyOf(Objects.requireNonNull(roundTrips, "roundTrips is required"));
    }
}
