package dev.papertrader.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import dev.papertrader.core.portfolio.RoundTrip.Direction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PerformanceCalculatorTests {

    private static final Offset<Double> EPS = within(1e-12);
    private static final Instant DAY0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final BigDecimal START = new BigDecimal("1000");
    /** Four periods a year makes √P = 2; rf 4 % a year is 1 % a period. */
    private static final PerformanceParameters QUARTERLY_4PCT = new PerformanceParameters(4, 0.04);

    private static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    private static EquityPoint point(int day, String equity, String grossExposure) {
        return new EquityPoint(day(day), new BigDecimal(equity), new BigDecimal(equity), new BigDecimal(grossExposure));
    }

    private static RoundTrip trade(String pnl, Instant entry, Instant exit) {
        return new RoundTrip("acc", "AAPL", Direction.LONG, entry, BigDecimal.TEN, exit, BigDecimal.TEN, BigDecimal.ONE,
                new BigDecimal(pnl), BigDecimal.ZERO);
    }

    /**
     * E0 = 1000, then 1100, 990, 1089, 1197.9, 1078.11: returns +10 %, −10 %, +10 %, +10 %, −10 %.
     */
    private static final List<EquityPoint> CURVE = List.of(
            point(1, "1100", "0"),
            point(2, "990", "500"),
            point(3, "1089", "500"),
            point(4, "1197.9", "0"),
            point(5, "1078.11", "300"));

    /** +100 held 48 h, −40 held 24 h, +20 held 3 h. */
    private static final List<RoundTrip> TRADES = List.of(
            trade("100", day(0), day(2)),
            trade("-40", day(2), day(3)),
            trade("20", day(3), day(3).plus(Duration.ofHours(3))));

    private final PerformanceStats stats = PerformanceCalculator.compute(START, CURVE, TRADES, QUARTERLY_4PCT);

    @Test
    void equityAndTotalReturn() {
        assertThat(stats.startingEquity()).isEqualByComparingTo("1000");
        assertThat(stats.finalEquity()).isEqualByComparingTo("1078.11");
        // 1078.11 / 1000 − 1
        assertThat(stats.totalReturn()).isCloseTo(0.07811, EPS);
    }

    @Test
    void cagrCompoundsTheGrowthOverTheYearFraction() {
        // n = 5 periods at P = 4 a year: 1.07811^(4/5) − 1 ≈ 0.06202
        assertThat(stats.cagr()).isCloseTo(Math.pow(1.07811, 4.0 / 5) - 1, EPS);
        assertThat(stats.cagr()).isCloseTo(0.06202, within(1e-5));
    }

    @Test
    void volatilityIsTheSampleStandardDeviationAnnualised() {
        // mean r = (0.1 − 0.1 + 0.1 + 0.1 − 0.1) / 5 = 0.02
        // Σ (r − 0.02)² = 3 × 0.08² + 2 × 0.12² = 0.0192 + 0.0288 = 0.048; / (5 − 1) = 0.012
        // s = √0.012 ≈ 0.109545; × √4
        assertThat(stats.annualVolatility()).isCloseTo(Math.sqrt(0.012) * 2, EPS);
        assertThat(stats.annualVolatility()).isCloseTo(0.219089, within(1e-6));
    }

    @Test
    void sharpeIsTheExcessMeanReturnOverTheStandardDeviation() {
        // (0.02 − 0.04 / 4) / √0.012 × √4 = 0.01 / 0.109545 × 2 ≈ 0.182574
        assertThat(stats.sharpe()).isCloseTo(0.01 / Math.sqrt(0.012) * 2, EPS);
        assertThat(stats.sharpe()).isCloseTo(0.182574, within(1e-6));
    }

    @Test
    void sortinoDividesByTheDownsideDeviationOnly() {
        // r − 0.01 = 0.09, −0.11, 0.09, 0.09, −0.11; shortfalls² = 2 × 0.0121 = 0.0242; / 5 = 0.00484
        // d = √0.00484 = 0.0695701; 0.01 / d × 2 ≈ 0.287480
        assertThat(stats.sortino()).isCloseTo(0.01 / Math.sqrt(0.00484) * 2, EPS);
        assertThat(stats.sortino()).isCloseTo(0.287480, within(1e-6));
    }

    @Test
    void maxDrawdownIsTheDeepestFallFromARunningPeak() {
        // peak 1100 → 990: 110 / 1100 = 0.1; peak 1197.9 → 1078.11: 119.79 / 1197.9 = 0.1
        assertThat(stats.maxDrawdown()).isCloseTo(0.1, EPS);
        // Calmar = CAGR / 0.1
        assertThat(stats.calmar()).isCloseTo((Math.pow(1.07811, 0.8) - 1) / 0.1, EPS);
    }

    @Test
    void drawdownDurationRunsFromThePeakToItsRecovery() {
        // peak 1100 on day 1, below it on days 2 and 3, back above on day 4: 3 days, 3 periods;
        // the later drawdown from day 4 is unrecovered at day 5: 1 day, 1 period
        assertThat(stats.maxDrawdownDuration()).isEqualTo(Duration.ofDays(3));
        assertThat(stats.maxDrawdownDurationPeriods()).isEqualTo(3);
    }

    @Test
    void exposureIsTheShareOfPointsHoldingAPosition() {
        // gross exposure 0, 500, 500, 0, 300: 3 of 5 points
        assertThat(stats.exposure()).isCloseTo(0.6, EPS);
    }

    @Test
    void tradeStatistics() {
        assertThat(stats.trades()).isEqualTo(3);
        // 2 winners of 3
        assertThat(stats.winRate()).isCloseTo(2.0 / 3, EPS);
        // (100 + 20) / 40
        assertThat(stats.profitFactor()).isCloseTo(3.0, EPS);
        // (100 − 40 + 20) / 3 = 26.666…, 10 decimals
        assertThat(stats.expectancy()).isEqualTo(new BigDecimal("26.6666666667"));
        // (48 h + 24 h + 3 h) / 3
        assertThat(stats.averageHoldingTime()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void anUnrecoveredDrawdownRunsToTheEndAndTheLongestInTimeWins() {
        List<EquityPoint> curve = List.of(
                point(1, "900", "0"),   // below the starting 1000 from the first point
                point(2, "950", "0"),
                point(3, "1000", "0"),  // recovered: periods 0 → 3, time day 1 → day 3 (the start has no time)
                point(4, "1200", "0"),
                point(10, "1100", "0")); // never recovered: day 4 → day 10, 1 period

        PerformanceStats result = PerformanceCalculator.compute(START, curve, List.of(), QUARTERLY_4PCT);

        assertThat(result.maxDrawdownDuration()).isEqualTo(Duration.ofDays(6));
        assertThat(result.maxDrawdownDurationPeriods()).isEqualTo(1);
        // max(100 / 1000, 100 / 1200)
        assertThat(result.maxDrawdown()).isCloseTo(0.1, EPS);
    }

    @Test
    void aDrawdownFromTheStartIsTimedFromTheFirstPoint() {
        List<EquityPoint> curve = List.of(point(1, "900", "0"), point(2, "950", "0"), point(3, "1000", "0"));

        PerformanceStats result = PerformanceCalculator.compute(START, curve, List.of(), QUARTERLY_4PCT);

        assertThat(result.maxDrawdownDuration()).isEqualTo(Duration.ofDays(2));
        assertThat(result.maxDrawdownDurationPeriods()).isEqualTo(3);
    }

    @Test
    void anEmptyCurveWithoutTradesIsAllZero() {
        PerformanceStats result = PerformanceCalculator.compute(START, List.of(), List.of(), QUARTERLY_4PCT);

        assertThat(result.finalEquity()).isEqualByComparingTo("1000");
        assertThat(new double[] {result.totalReturn(), result.cagr(), result.annualVolatility(), result.sharpe(),
                result.sortino(), result.calmar(), result.maxDrawdown(), result.winRate(), result.profitFactor(),
                result.exposure()}).containsOnly(0.0);
        assertThat(result.maxDrawdownDuration()).isEqualTo(Duration.ZERO);
        assertThat(result.maxDrawdownDurationPeriods()).isZero();
        assertThat(result.expectancy()).isEqualByComparingTo("0");
        assertThat(result.trades()).isZero();
        assertThat(result.averageHoldingTime()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aFlatCurveHasNoRiskSoItsRiskRatiosAreZero() {
        List<EquityPoint> curve = List.of(point(1, "1000", "0"), point(2, "1000", "0"), point(3, "1000", "0"));

        PerformanceStats noRiskFree = PerformanceCalculator.compute(START, curve, List.of(),
                new PerformanceParameters(4, 0));
        // every r = 0: s = 0, d = 0, drawdown 0
        assertThat(noRiskFree.annualVolatility()).isZero();
        assertThat(noRiskFree.sharpe()).isZero();
        assertThat(noRiskFree.sortino()).isZero();
        assertThat(noRiskFree.calmar()).isZero();

        PerformanceStats withRiskFree = PerformanceCalculator.compute(START, curve, List.of(), QUARTERLY_4PCT);
        // every r − 0.01 = −0.01: d = 0.01, Sortino = (0 − 0.01) / 0.01 × √4 = −2; Sharpe still 0 (s = 0)
        assertThat(withRiskFree.sortino()).isCloseTo(-2.0, EPS);
        assertThat(withRiskFree.sharpe()).isZero();
    }

    @Test
    void onePointHasACagrButNoVolatility() {
        PerformanceStats result = PerformanceCalculator.compute(START, List.of(point(1, "1010", "0")), List.of(),
                QUARTERLY_4PCT);

        // 1.01^(4/1) − 1 = 0.04060401
        assertThat(result.cagr()).isCloseTo(0.04060401, EPS);
        assertThat(result.annualVolatility()).isZero();
        assertThat(result.sharpe()).isZero();
        // one return 0.01, rf_p 0.01: no shortfall, d = 0
        assertThat(result.sortino()).isZero();
    }

    @Test
    void aRuinedAccountHasACagrOfMinusOne() {
        List<EquityPoint> curve = List.of(point(1, "500", "0"), point(2, "-100", "0"), point(3, "-50", "0"));

        PerformanceStats result = PerformanceCalculator.compute(START, curve, List.of(), QUARTERLY_4PCT);

        assertThat(result.cagr()).isEqualTo(-1.0);
        // −50 / 1000 − 1
        assertThat(result.totalReturn()).isCloseTo(-1.05, EPS);
        // (1000 − (−100)) / 1000
        assertThat(result.maxDrawdown()).isCloseTo(1.1, EPS);
        // returns −0.5, −1.2, then 0 from a negative equity: mean −1.7 / 3
        double mean = -1.7 / 3;
        double s = Math.sqrt((Math.pow(-0.5 - mean, 2) + Math.pow(-1.2 - mean, 2) + Math.pow(0 - mean, 2)) / 2);
        assertThat(result.sharpe()).isCloseTo((mean - 0.01) / s * 2, EPS);
    }

    @Test
    void profitFactorWithoutLossesIsInfiniteAndSurvivesJson() {
        List<RoundTrip> winners = List.of(trade("10", day(0), day(1)), trade("0", day(1), day(2)));

        PerformanceStats result = PerformanceCalculator.compute(START, CURVE, winners, QUARTERLY_4PCT);

        assertThat(result.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        // a breakeven trade is not a win
        assertThat(result.winRate()).isCloseTo(0.5, EPS);
        String json = JsonCodec.encode(result);
        assertThat(json).contains("\"profitFactor\":\"Infinity\"");
        assertThat(JsonCodec.decode(json, PerformanceStats.class)).isEqualTo(result);
    }

    @Test
    void profitFactorOfOnlyLossesOrBreakevensIsZero() {
        PerformanceStats losers = PerformanceCalculator.compute(START, CURVE,
                List.of(trade("-10", day(0), day(1))), QUARTERLY_4PCT);
        PerformanceStats breakeven = PerformanceCalculator.compute(START, CURVE,
                List.of(trade("0", day(0), day(1))), QUARTERLY_4PCT);

        assertThat(losers.profitFactor()).isZero();
        assertThat(breakeven.profitFactor()).isZero();
        assertThat(breakeven.winRate()).isZero();
    }

    @Test
    void aNonPositiveStartingEquityIsRefused() {
        assertThatThrownBy(() -> PerformanceCalculator.compute(BigDecimal.ZERO, CURVE, TRADES, QUARTERLY_4PCT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
