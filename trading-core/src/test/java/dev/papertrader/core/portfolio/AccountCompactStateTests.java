package dev.papertrader.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Account#compactState()}: what it keeps (by hand), and that an account restored from it carries on exactly
 * like the original (a jqwik property over random fills and marks, restored at random steps).
 */
class AccountCompactStateTests {

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");
    private int fillCount;

    private Fill fill(String symbol, Side side, String qty, String price, String fee, Instant at) {
        fillCount++;
        return new Fill("f" + fillCount, "o" + fillCount, "acc", symbol, side, dec(qty), dec(price), dec(fee), at);
    }

    private static Bar bar(String symbol, Instant openTime, String close) {
        BigDecimal c = dec(close);
        return new Bar(symbol, "1h", openTime, c, c, c, c, BigDecimal.ONE);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private static Instant hours(int n) {
        return T0.plus(Duration.ofHours(n));
    }

    @Test
    void keepsThePeakTheDayStartAndTheLastPointAndNoTrades() {
        Account account = new Account("acc", dec("1000"), ZoneOffset.UTC);
        account.apply(fill("AAA", Side.BUY, "10", "10", "0", hours(0)));     // cash 900
        account.mark(bar("AAA", hours(0), "12"));   // day 1: equity 900 + 120 = 1020
        account.mark(bar("AAA", hours(1), "15"));   //        1050, the peak
        account.mark(bar("AAA", hours(2), "11"));   //        1010
        account.mark(bar("AAA", hours(24), "9"));   // day 2: 990, the day start
        account.mark(bar("AAA", hours(25), "13"));  //        1030
        account.apply(fill("AAA", Side.SELL, "10", "13", "1", hours(26)));  // cash 900 + 130 − 1 = 1029, a trade
        account.mark(bar("AAA", hours(26), "13"));  //        1029, the last point

        AccountState compact = account.compactState();

        assertThat(compact.trades()).isEmpty();
        assertThat(compact.equityCurve()).extracting(EquityPoint::time).containsExactly(hours(1), hours(24), hours(26));
        assertThat(compact.equityCurve()).extracting(EquityPoint::equity)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(dec("1050"), dec("990"), dec("1029"));
        assertThat(compact.cash()).isEqualByComparingTo("1029");
        assertThat(compact.positions()).isEqualTo(account.state().positions());

        Account restored = Account.restore(JsonCodec.decode(JsonCodec.encode(compact), AccountState.class));
        assertThat(restored.peakEquity()).isEqualByComparingTo("1050");
        assertThat(restored.dayStartEquity()).isEqualByComparingTo("990");
        assertThat(restored.realizedPnl()).isEqualByComparingTo("29");
        assertThat(restored.equity()).isEqualByComparingTo("1029");
        assertThat(restored.trades()).isEmpty();
    }

    @Test
    void aPeakOnTheLastDayAfterItsStartIsKeptBetweenTheDayStartAndTheLastPoint() {
        Account account = new Account("acc", dec("1000"), ZoneOffset.UTC);
        account.apply(fill("AAA", Side.BUY, "10", "10", "0", hours(0)));
        account.mark(bar("AAA", hours(0), "9"));    // 990, day start
        account.mark(bar("AAA", hours(1), "20"));   // 1100, the peak
        account.mark(bar("AAA", hours(2), "12"));   // 1020, the last point

        assertThat(account.compactState().equityCurve()).extracting(EquityPoint::time)
                .containsExactly(hours(0), hours(1), hours(2));
    }

    @Test
    void withoutAPeakAboveTheStartingCashOnlyTheDayStartAndTheLastPointAreKept() {
        Account account = new Account("acc", dec("1000"), ZoneOffset.UTC);
        account.apply(fill("AAA", Side.BUY, "10", "10", "0", hours(0)));
        account.mark(bar("AAA", hours(0), "9"));    // 990
        account.mark(bar("AAA", hours(1), "8"));    // 980
        account.mark(bar("AAA", hours(2), "7"));    // 970

        assertThat(account.compactState().equityCurve()).extracting(EquityPoint::time)
                .containsExactly(hours(0), hours(2));
        Account restored = Account.restore(account.compactState());
        assertThat(restored.peakEquity()).isEqualByComparingTo("1000");
        assertThat(restored.dayStartEquity()).isEqualByComparingTo("990");
    }

    @Test
    void anEmptyCurveStaysEmptyAndARestoredAccountStillRejectsOlderMarks() {
        Account fresh = new Account("acc", dec("1000"), ZoneOffset.UTC);
        assertThat(fresh.compactState().equityCurve()).isEmpty();

        fresh.mark(bar("AAA", hours(5), "10"));
        Account restored = Account.restore(fresh.compactState());
        assertThatThrownBy(() -> restored.mark(bar("AAA", hours(4), "10")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older");
    }

    // --- property ----------------------------------------------------------------------------------------------

    sealed interface Step permits FillStep, MarkStep {
    }

    record FillStep(String symbol, Side side, BigDecimal qty, BigDecimal price, BigDecimal fee, int hoursLater)
            implements Step {
    }

    record MarkStep(String symbol, BigDecimal close, int hoursLater) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> symbol = Arbitraries.of("AAA", "BBB");
        Arbitrary<BigDecimal> qty = Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("50"))
                .ofScale(2);
        Arbitrary<BigDecimal> price = Arbitraries.bigDecimals().between(new BigDecimal("0.5"), new BigDecimal("300"))
                .ofScale(3);
        Arbitrary<BigDecimal> fee = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("2")).ofScale(2);
        // 0 keeps the time (a replaced point), 1..5 hours move within or across days
        Arbitrary<Integer> later = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(4, Arbitraries.integers().between(1, 5)), Tuple.of(1, Arbitraries.just(20)));
        Arbitrary<Step> fill = Combinators.combine(symbol, Arbitraries.of(Side.class), qty, price, fee, later)
                .as(FillStep::new);
        Arbitrary<Step> mark = Combinators.combine(symbol, price, later).as(MarkStep::new);
        return Arbitraries.frequencyOf(Tuple.of(2, fill), Tuple.of(3, mark)).list().ofMinSize(1).ofMaxSize(80);
    }

    // a fixed seed keeps the build deterministic; change it to explore other sequences
    @Property(tries = 300, seed = "20241124")
    void anAccountRestoredFromItsCompactStateCarriesOnLikeTheOriginal(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 80) int restoreAt, @ForAll @IntRange(min = 1, max = 10) int restoreEvery) {
        ZoneId zone = ZoneId.of("America/New_York");
        Account original = new Account("acc", dec("10000"), zone);
        Account compacted = new Account("acc", dec("10000"), zone);
        List<RoundTrip> compactedTrades = new ArrayList<>();
        List<EquityPoint> compactedPoints = new ArrayList<>();
        Instant time = T0;
        int n = 0;
        for (Step step : steps) {
            if (n >= restoreAt && (n - restoreAt) % restoreEvery == 0) {
                compacted = Account.restore(JsonCodec.decode(JsonCodec.encode(compacted.compactState()),
                        AccountState.class));
            }
            switch (step) {
                case FillStep f -> {
                    time = time.plus(Duration.ofHours(f.hoursLater()));
                    Fill fill = new Fill("f" + n, "o" + n, "acc", f.symbol(), f.side(), f.qty(), f.price(), f.fee(), time);
                    List<RoundTrip> closed = compacted.apply(fill);
                    assertThat(closed).isEqualTo(original.apply(fill));
                    compactedTrades.addAll(closed);
                }
                case MarkStep m -> {
                    time = time.plus(Duration.ofHours(m.hoursLater()));
                    Bar bar = new Bar(m.symbol(), "1h", time, m.close(), m.close(), m.close(), m.close(), BigDecimal.ONE);
                    original.mark(bar);
                    compacted.mark(bar);
                    EquityPoint last = compacted.equityCurve().getLast();
                    if (!compactedPoints.isEmpty() && compactedPoints.getLast().time().equals(last.time())) {
                        compactedPoints.set(compactedPoints.size() - 1, last);
                    } else {
                        compactedPoints.add(last);
                    }
                }
            }
            n++;
            assertThat(compacted.snapshot(time)).isEqualTo(original.snapshot(time));
            assertThat(compacted.realizedPnl()).isEqualTo(original.realizedPnl());
            assertThat(compacted.peakEquity()).isEqualTo(original.peakEquity());
            assertThat(compacted.dayStartEquity()).isEqualTo(original.dayStartEquity());
            assertThat(compacted.compactState()).isEqualTo(original.compactState());
        }
        // the trades and points recorded one by one, as a service stores them, are the whole history
        assertThat(compactedTrades).isEqualTo(original.trades());
        assertThat(compactedPoints).isEqualTo(original.equityCurve());
    }
}
