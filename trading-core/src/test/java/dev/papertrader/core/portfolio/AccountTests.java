package dev.papertrader.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.portfolio.RoundTrip.Direction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountTests {

    private static final Instant T0 = Instant.parse("2024-01-02T14:30:00Z");
    private int fillCount;

    private Account account() {
        return new Account("acc", dec("10000"), ZoneOffset.UTC);
    }

    private Fill fill(String symbol, Side side, String qty, String price, String fee, Instant at) {
        fillCount++;
        return new Fill("f" + fillCount, "o" + fillCount, "acc", symbol, side, dec(qty), dec(price), dec(fee), at);
    }

    private static Bar bar(String symbol, Instant openTime, String close) {
        BigDecimal c = dec(close);
        return new Bar(symbol, "1d", openTime, c, c, c, c, BigDecimal.ONE);
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private static Instant day(int n) {
        return T0.plusSeconds(86_400L * n);
    }

    @Test
    void longRoundTripWithFeesRealizesGainLessBothFees() {
        Account account = account();

        assertThat(account.apply(fill("AAPL", Side.BUY, "10", "100", "1", day(0)))).isEmpty();
        // cash 10000 − (10 × 100 + 1) = 8999; the entry fee is realized when paid
        assertThat(account.cash()).isEqualByComparingTo("8999");
        assertThat(account.realizedPnl()).isEqualByComparingTo("-1");

        List<RoundTrip> closed = account.apply(fill("AAPL", Side.SELL, "10", "110", "1.1", day(2)));

        // cash 8999 + 10 × 110 − 1.1 = 10097.9; realized −1 + (110 − 100) × 10 − 1.1 = 97.9
        assertThat(account.cash()).isEqualByComparingTo("10097.9");
        assertThat(account.realizedPnl()).isEqualByComparingTo("97.9");
        assertThat(account.positions()).isEmpty();
        assertThat(closed).singleElement().satisfies(trade -> {
            assertThat(trade.accountId()).isEqualTo("acc");
            assertThat(trade.symbol()).isEqualTo("AAPL");
            assertThat(trade.direction()).isEqualTo(Direction.LONG);
            assertThat(trade.entryTime()).isEqualTo(day(0));
            assertThat(trade.exitTime()).isEqualTo(day(2));
            assertThat(trade.qty()).isEqualByComparingTo("10");
            assertThat(trade.entryPrice()).isEqualByComparingTo("100");
            assertThat(trade.exitPrice()).isEqualByComparingTo("110");
            assertThat(trade.fees()).isEqualByComparingTo("2.1");
            assertThat(trade.pnl()).isEqualByComparingTo("97.9");
        });
        assertThat(account.trades()).isEqualTo(closed);
        assertThat(account.position("AAPL")).get().satisfies(p -> {
            assertThat(p.qty()).isZero();
            assertThat(p.realizedPnl()).isEqualByComparingTo("97.9");
        });
    }

    @Test
    void shortGainsWhenThePriceFalls() {
        Account account = account();
        account.apply(fill("AAPL", Side.SELL, "10", "100", "1", day(0)));

        // short 10 at 100: cash 10000 + 1000 − 1 = 10999, cost basis −1000
        Position open = account.positions().get("AAPL");
        assertThat(open.qty()).isEqualByComparingTo("-10");
        assertThat(open.avgCost()).isEqualByComparingTo("100");
        assertThat(open.costBasis()).isEqualByComparingTo("-1000");
        assertThat(account.cash()).isEqualByComparingTo("10999");

        account.mark(bar("AAPL", day(1), "95"));
        // equity 10999 + (−10 × 95) = 10049; unrealized (95 − 100) × −10 = +50
        assertThat(account.equity()).isEqualByComparingTo("10049");
        assertThat(account.positions().get("AAPL").unrealizedPnl()).isEqualByComparingTo("50");

        List<RoundTrip> closed = account.apply(fill("AAPL", Side.BUY, "10", "90", "0.9", day(2)));

        // cover at 90: gain (100 − 90) × 10 = +100, minus fees 1 + 0.9 → 98.1; cash 10999 − 900 − 0.9 = 10098.1
        assertThat(closed).singleElement().satisfies(trade -> {
            assertThat(trade.direction()).isEqualTo(Direction.SHORT);
            assertThat(trade.entryPrice()).isEqualByComparingTo("100");
            assertThat(trade.exitPrice()).isEqualByComparingTo("90");
            assertThat(trade.pnl()).isEqualByComparingTo("98.1");
            assertThat(trade.fees()).isEqualByComparingTo("1.9");
        });
        assertThat(account.realizedPnl()).isEqualByComparingTo("98.1");
        assertThat(account.cash()).isEqualByComparingTo("10098.1");
    }

    @Test
    void partialReduceRealizesAtAverageCostAndKeepsTheTradeOpen() {
        Account account = account();
        account.apply(fill("AAPL", Side.BUY, "10", "100", "0", day(0)));

        assertThat(account.apply(fill("AAPL", Side.SELL, "4", "120", "2", day(1)))).isEmpty();

        // realized (120 − 100) × 4 − 2 = 78; 6 left at avg 100, cost basis 1000 − 4 × 100 = 600
        assertThat(account.realizedPnl()).isEqualByComparingTo("78");
        Position position = account.positions().get("AAPL");
        assertThat(position.qty()).isEqualByComparingTo("6");
        assertThat(position.avgCost()).isEqualByComparingTo("100");
        assertThat(position.costBasis()).isEqualByComparingTo("600");
        assertThat(position.openTrade().exitQty()).isEqualByComparingTo("4");
        assertThat(position.openTrade().exitPrice()).isEqualByComparingTo("120");
        assertThat(position.openTrade().pnl()).isEqualByComparingTo("78");

        List<RoundTrip> closed = account.apply(fill("AAPL", Side.SELL, "6", "90", "1", day(2)));

        // second exit (90 − 100) × 6 − 1 = −61; trade pnl 78 − 61 = 17; exit price (4 × 120 + 6 × 90) / 10 = 102
        assertThat(closed).singleElement().satisfies(trade -> {
            assertThat(trade.qty()).isEqualByComparingTo("10");
            assertThat(trade.entryPrice()).isEqualByComparingTo("100");
            assertThat(trade.exitPrice()).isEqualByComparingTo("102");
            assertThat(trade.pnl()).isEqualByComparingTo("17");
            assertThat(trade.fees()).isEqualByComparingTo("3");
            assertThat(trade.entryTime()).isEqualTo(day(0));
            assertThat(trade.exitTime()).isEqualTo(day(2));
        });
        assertThat(account.realizedPnl()).isEqualByComparingTo("17");
        // 10000 − 1000 + 480 − 2 + 540 − 1 = 10017
        assertThat(account.cash()).isEqualByComparingTo("10017");
    }

    @Test
    void aFillThroughZeroClosesTheLongAndOpensAShortAtTheFillPrice() {
        Account account = account();
        account.apply(fill("AAPL", Side.BUY, "10", "100", "1", day(0)));

        List<RoundTrip> closed = account.apply(fill("AAPL", Side.SELL, "15", "110", "3", day(1)));

        // the fee 3 splits by quantity: 3 × 10/15 = 2 closes the long, the remaining 1 opens the short
        // long: −1 + (110 − 100) × 10 − 2 = 97
        assertThat(closed).singleElement().satisfies(trade -> {
            assertThat(trade.direction()).isEqualTo(Direction.LONG);
            assertThat(trade.qty()).isEqualByComparingTo("10");
            assertThat(trade.exitPrice()).isEqualByComparingTo("110");
            assertThat(trade.fees()).isEqualByComparingTo("3");
            assertThat(trade.pnl()).isEqualByComparingTo("97");
        });
        Position shortPosition = account.positions().get("AAPL");
        assertThat(shortPosition.qty()).isEqualByComparingTo("-5");
        assertThat(shortPosition.avgCost()).isEqualByComparingTo("110");
        assertThat(shortPosition.costBasis()).isEqualByComparingTo("-550");
        assertThat(shortPosition.openTrade().direction()).isEqualTo(Direction.SHORT);
        assertThat(shortPosition.openTrade().entryTime()).isEqualTo(day(1));
        assertThat(shortPosition.openTrade().entryPrice()).isEqualByComparingTo("110");
        assertThat(shortPosition.openTrade().fees()).isEqualByComparingTo("1");
        assertThat(shortPosition.openTrade().pnl()).isEqualByComparingTo("-1");
        // realized 97 − 1 = 96; cash 10000 − 1001 + 1650 − 3 = 10646; 10000 + 96 == 10646 + (−550)
        assertThat(account.realizedPnl()).isEqualByComparingTo("96");
        assertThat(account.cash()).isEqualByComparingTo("10646");
        assertThat(shortPosition.realizedPnl()).isEqualByComparingTo("96");
    }

    @Test
    void addingRecomputesTheAverageCostRoundedToTenDecimals() {
        Account account = account();
        account.apply(fill("AAPL", Side.BUY, "10", "100", "0", day(0)));
        account.apply(fill("AAPL", Side.BUY, "5", "106", "0", day(1)));

        // (10 × 100 + 5 × 106) / 15 = 1530 / 15 = 102
        assertThat(account.positions().get("AAPL").avgCost()).isEqualByComparingTo("102");

        account.apply(fill("AAPL", Side.BUY, "3", "101", "0", day(2)));

        // (1530 + 303) / 18 = 101.8333…, rounded half-even at 10 decimals; the cost basis stays exact
        Position position = account.positions().get("AAPL");
        assertThat(position.avgCost()).isEqualTo(dec("101.8333333333"));
        assertThat(position.costBasis()).isEqualByComparingTo("1833");
        assertThat(position.openTrade().entryPrice()).isEqualTo(dec("101.8333333333"));
        assertThat(position.openTrade().maxQty()).isEqualByComparingTo("18");
    }

    @Test
    void equityMarksEveryPositionToItsLastCloseAndOneTimeIsOnePoint() {
        Account account = account();
        account.apply(fill("AAPL", Side.BUY, "10", "100", "0", day(0)));
        account.apply(fill("BTC", Side.SELL, "5", "200", "0", day(0)));

        // cash 10000 − 1000 + 1000 = 10000; no marks yet: valued at avgCost, 10000 + 1000 − 1000
        assertThat(account.equity()).isEqualByComparingTo("10000");

        account.mark(bar("AAPL", day(1), "105"));
        // 10000 + 10 × 105 − 5 × 200 = 10050; gross 1050 + 1000
        assertThat(account.equityCurve()).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(List.of(
                new EquityPoint(day(1), dec("10050"), dec("10000"), dec("2050"))));

        account.mark(bar("BTC", day(1), "190"));
        // same time: the point is replaced; 10000 + 1050 − 950 = 10100; gross 1050 + 950 = 2000
        assertThat(account.equityCurve()).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(List.of(
                new EquityPoint(day(1), dec("10100"), dec("10000"), dec("2000"))));
        assertThat(account.equity()).isEqualByComparingTo("10100");

        PortfolioSnapshot snapshot = account.snapshot(day(1));
        assertThat(snapshot.accountId()).isEqualTo("acc");
        assertThat(snapshot.cash()).isEqualByComparingTo("10000");
        assertThat(snapshot.equity()).isEqualByComparingTo("10100");
        assertThat(snapshot.asOf()).isEqualTo(day(1));
        assertThat(snapshot.grossExposure()).isEqualByComparingTo("2000");
        assertThat(snapshot.positions()).extracting(PositionSnapshot::symbol).containsExactly("AAPL", "BTC");
        PositionSnapshot btc = snapshot.positions().get(1);
        assertThat(btc.qty()).isEqualByComparingTo("-5");
        assertThat(btc.marketPrice()).isEqualByComparingTo("190");
        assertThat(btc.marketValue()).isEqualByComparingTo("-950");
        // short from 200, now 190: (190 − 200) × −5 = +50
        assertThat(btc.unrealizedPnl()).isEqualByComparingTo("50");
    }

    @Test
    void dayStartEquityIsTheFirstPointOfEachTradingDayInTheZone() {
        Account account = new Account("acc", dec("10000"), ZoneId.of("America/New_York"));
        assertThat(account.dayStartEquity()).isEqualByComparingTo("10000");
        account.apply(fill("AAPL", Side.BUY, "10", "100", "0", Instant.parse("2024-01-02T14:30:00Z")));

        // cash 9000 + 10 × close
        account.mark(bar("AAPL", Instant.parse("2024-01-02T14:30:00Z"), "101")); // 09:30 New York, Jan 2: 10010
        assertThat(account.dayStartEquity()).isEqualByComparingTo("10010");
        account.mark(bar("AAPL", Instant.parse("2024-01-02T20:00:00Z"), "103")); // 15:00 Jan 2: 10030
        account.mark(bar("AAPL", Instant.parse("2024-01-03T02:00:00Z"), "104")); // 21:00 Jan 2 in New York: 10040
        assertThat(account.dayStartEquity()).isEqualByComparingTo("10010");
        account.mark(bar("AAPL", Instant.parse("2024-01-03T14:30:00Z"), "99")); // 09:30 Jan 3: 9990
        assertThat(account.dayStartEquity()).isEqualByComparingTo("9990");
        account.mark(bar("AAPL", Instant.parse("2024-01-03T15:30:00Z"), "98"));
        assertThat(account.dayStartEquity()).isEqualByComparingTo("9990");
        assertThat(account.snapshot(Instant.parse("2024-01-03T15:30:00Z")).dayStartEquity())
                .isEqualByComparingTo("9990");
    }

    @Test
    void peakEquityIsTheHighestFullyMarkedEquityAndAtLeastTheStartingCash() {
        Account account = account();
        assertThat(account.peakEquity()).isEqualByComparingTo("10000");
        account.apply(fill("AAPL", Side.BUY, "10", "100", "0", day(0)));
        account.apply(fill("BTC", Side.SELL, "10", "100", "0", day(0)));

        // AAPL up alone would read 10000 + 1500 − 1000 = 10500, but BTC's bar of the same time follows:
        // 10000 + 1500 − 1500 = 10000. The replaced half-marked point never becomes the peak.
        account.mark(bar("AAPL", day(1), "150"));
        account.mark(bar("BTC", day(1), "150"));
        assertThat(account.peakEquity()).isEqualByComparingTo("10000");

        account.mark(bar("AAPL", day(2), "170")); // 10000 + 1700 − 1500 = 10200
        account.mark(bar("AAPL", day(3), "160")); // 10100
        account.mark(bar("BTC", day(4), "100"));  // 10000 + 1600 − 1000 = 10600
        account.mark(bar("BTC", day(5), "120"));  // 10400
        assertThat(account.equityCurve()).extracting(EquityPoint::equity)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("10000"), dec("10200"), dec("10100"), dec("10600"), dec("10400"));
        assertThat(account.peakEquity()).isEqualByComparingTo("10600");
        assertThat(account.snapshot(day(5)).peakEquity()).isEqualByComparingTo("10600");
    }

    @Test
    void aMarkOlderThanTheLastPointIsRejected() {
        Account account = account();
        account.mark(bar("AAPL", day(2), "100"));

        assertThatThrownBy(() -> account.mark(bar("BTC", day(1), "100")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older");
    }

    @Test
    void aFillOfAnotherAccountIsRejected() {
        Account account = account();
        Fill other = new Fill("f", "o", "other", "AAPL", Side.BUY, dec("1"), dec("1"), dec("0"), day(0));

        assertThatThrownBy(() -> account.apply(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
        assertThat(account.cash()).isEqualByComparingTo("10000");
    }

    @Test
    void aRestoredAccountCarriesOnExactlyLikeTheOriginal() {
        Account original = new Account("acc", dec("10000"), ZoneId.of("America/New_York"));
        Account replica = new Account("acc", dec("10000"), ZoneId.of("America/New_York"));
        for (Account account : List.of(original, replica)) {
            account.apply(fill("AAPL", Side.BUY, "10", "100", "1", day(0)));
            account.mark(bar("AAPL", day(0), "104"));
            account.apply(fill("AAPL", Side.SELL, "4", "105", "1", day(1)));
            account.apply(fill("BTC", Side.SELL, "2", "300", "1", day(1)));
            account.mark(bar("AAPL", day(1), "99"));
            account.mark(bar("BTC", day(1), "310"));
        }

        String json = JsonCodec.encode(original.state());
        Account restored = Account.restore(JsonCodec.decode(json, AccountState.class));

        for (Account account : List.of(restored, replica)) {
            account.apply(fill("AAPL", Side.SELL, "6", "98", "1", day(2)));
            account.mark(bar("AAPL", day(2), "97"));
        }
        assertThat(restored.state()).isEqualTo(replica.state());
        assertThat(restored.cash()).isEqualTo(replica.cash());
        assertThat(restored.realizedPnl()).isEqualTo(replica.realizedPnl());
        assertThat(restored.peakEquity()).isEqualTo(replica.peakEquity());
        assertThat(restored.dayStartEquity()).isEqualTo(replica.dayStartEquity());
        assertThat(restored.trades()).hasSize(1).isEqualTo(replica.trades());
    }
}
