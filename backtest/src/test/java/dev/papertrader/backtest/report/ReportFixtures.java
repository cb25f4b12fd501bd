package dev.papertrader.backtest.report;

import dev.papertrader.core.performance.PerformanceStats;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny hand-made run: three daily equity points, one long and one short trade. */
final class ReportFixtures {

    static final Instant DAY_1 = Instant.parse("2013-01-02T00:00:00Z");
    static final Instant DAY_2 = Instant.parse("2013-01-03T00:00:00Z");
    static final Instant DAY_3 = Instant.parse("2013-01-04T00:00:00Z");

    private ReportFixtures() {
    }

    static EquityPoint point(Instant time, String equity, String cash) {
        return new EquityPoint(time, new BigDecimal(equity), new BigDecimal(cash), BigDecimal.ZERO);
    }

    static List<EquityPoint> curve() {
        return List.of(point(DAY_1, "100.00", "100.00"), point(DAY_2, "110.00", "10.00"),
                point(DAY_3, "99.00", "99.00"));
    }

    static RoundTrip longTrade() {
        return new RoundTrip("acc-1", "AAPL", RoundTrip.Direction.LONG, DAY_1, new BigDecimal("553.82"), DAY_2,
                new BigDecimal("560.10"), new BigDecimal("10"), new BigDecimal("61.80"), new BigDecimal("1.00"));
    }

    static RoundTrip shortTrade() {
        return new RoundTrip("acc-1", "BRK,B", RoundTrip.Direction.SHORT, DAY_2, new BigDecimal("300"), DAY_3,
                new BigDecimal("310.5"), new BigDecimal("0.5"), new BigDecimal("-5.75"), new BigDecimal("0.5"));
    }

    /** Statistics with the awkward values a real run can produce: NaN and both infinities. */
    static PerformanceStats stats() {
        return new PerformanceStats(new BigDecimal("100.00"), new BigDecimal("99.00"), -0.01, Double.NaN, 0.25,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, Duration.ofDays(1), 1, 0.5,
                10.75, new BigDecimal("28.025"), 0.6667, 2, Duration.ofHours(36));
    }

    static Map<String, Object> configuration() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("data", "aapl-2013");
        configuration.put("strategy", "macd-crossover");
        configuration.put("fee_rate", new BigDecimal("0.0010"));
        configuration.put("start", DAY_1);
        configuration.put("threshold", Double.NaN);
        configuration.put("symbols", List.of("AAPL"));
        return configuration;
    }

    static ReportContent content() {
        return new ReportContent("macd-crossover on aapl-2013", configuration(), stats(), curve(),
                List.of(longTrade(), shortTrade()));
    }
}
