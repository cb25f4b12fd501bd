package dev.papertrader.portfolio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.BacktestResult;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.config.ModelSpecs;
import dev.papertrader.core.data.SyntheticBars;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.Sizing;
import dev.papertrader.portfolio.engine.SliceResult.AccountUpdate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioEngineTests {

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    private static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private static Fill fill(String id, String account, String symbol, Side side, String qty, String price, String fee,
            Instant at) {
        return new Fill(id, "o-" + id, account, symbol, side, dec(qty), dec(price), dec(fee), at);
    }

    private static Bar bar(String symbol, Instant openTime, String close) {
        BigDecimal c = dec(close);
        return new Bar(symbol, "1d", openTime, c, c, c, c, BigDecimal.TEN);
    }

    @Test
    void aRoundTripBooksItsPnlAndTheSliceSnapshotIsAsOfTheSlice() {
        PortfolioEngine engine = new PortfolioEngine(ZoneOffset.UTC);
        engine.open("acc", dec("10000"));

        SliceResult first = engine.processSlice(day(1),
                List.of(fill("f1", "acc", "AAPL", Side.BUY, "10", "100", "1", day(1))), List.of(bar("AAPL", day(1), "104")));
        // cash 10000 − (10 × 100 + 1) = 8999; equity 8999 + 10 × 104 = 10039
        AccountUpdate afterBuy = first.accounts().getFirst();
        assertThat(afterBuy.snapshot().asOf()).isEqualTo(day(1));
        assertThat(afterBuy.snapshot().cash()).isEqualByComparingTo("8999");
        assertThat(afterBuy.snapshot().equity()).isEqualByComparingTo("10039");
        assertThat(afterBuy.snapshot().positionQty("AAPL")).isEqualByComparingTo("10");
        assertThat(afterBuy.openPositions()).singleElement().satisfies(p -> {
            assertThat(p.avgCost()).isEqualByComparingTo("100");
            assertThat(p.marketPrice()).isEqualByComparingTo("104");
        });
        assertThat(afterBuy.equityPoint().time()).isEqualTo(day(1));
        assertThat(afterBuy.equityPoint().equity()).isEqualByComparingTo("10039");
        assertThat(first.bookings()).singleElement().satisfies(b -> assertThat(b.closed()).isEmpty());

        SliceResult second = engine.processSlice(day(2),
                List.of(fill("f2", "acc", "AAPL", Side.SELL, "10", "110", "1.1", day(2))),
                List.of(bar("AAPL", day(2), "111")));
        // cash 8999 + 10 × 110 − 1.1 = 10097.9; pnl (110 − 100) × 10 − 1 − 1.1 = 97.9
        AccountUpdate afterSell = second.accounts().getFirst();
        assertThat(afterSell.snapshot().cash()).isEqualByComparingTo("10097.9");
        assertThat(afterSell.snapshot().equity()).isEqualByComparingTo("10097.9");
        assertThat(afterSell.realizedPnl()).isEqualByComparingTo("97.9");
        assertThat(afterSell.snapshot().peakEquity()).isEqualByComparingTo("10097.9");
        assertThat(afterSell.openPositions()).isEmpty();
        assertThat(afterSell.flatSymbols()).containsExactly("AAPL");
        assertThat(second.bookings()).singleElement().satisfies(b -> assertThat(b.closed()).singleElement()
                .satisfies(trade -> {
                    assertThat(trade.direction()).isEqualTo(RoundTrip.Direction.LONG);
                    assertThat(trade.entryPrice()).isEqualByComparingTo("100");
                    assertThat(trade.exitPrice()).isEqualByComparingTo("110");
                    assertThat(trade.fees()).isEqualByComparingTo("2.1");
                    assertThat(trade.pnl()).isEqualByComparingTo("97.9");
                }));
        assertThat(engine.lastSlice()).contains(day(2));
    }

    @Test
    void everyAccountIsMarkedWithEveryBarAndGetsASnapshot() {
        PortfolioEngine engine = new PortfolioEngine(ZoneOffset.UTC);
        engine.open("a", dec("1000"));
        engine.open("b", dec("500"));

        SliceResult slice = engine.processSlice(day(1),
                List.of(fill("f1", "b", "XYZ", Side.SELL, "2", "50", "0", day(1))),
                List.of(bar("ABC", day(1), "7"), bar("XYZ", day(1), "45")));

        assertThat(slice.accounts()).extracting(AccountUpdate::accountId).containsExactly("a", "b");
        AccountUpdate a = slice.accounts().get(0);
        AccountUpdate b = slice.accounts().get(1);
        assertThat(a.snapshot().equity()).isEqualByComparingTo("1000");
        assertThat(a.flatSymbols()).containsExactly("ABC", "XYZ");
        assertThat(a.equityPoint().time()).isEqualTo(day(1));
        // short 2 @ 50: cash 500 + 100 = 600; marked at 45: equity 600 − 90 = 510, exposure 90
        assertThat(b.snapshot().cash()).isEqualByComparingTo("600");
        assertThat(b.snapshot().equity()).isEqualByComparingTo("510");
        assertThat(b.grossExposure()).isEqualByComparingTo("90");
        assertThat(b.openPositions()).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("XYZ");
            assertThat(p.unrealizedPnl()).isEqualByComparingTo("10");
        });
        assertThat(b.flatSymbols()).containsExactly("ABC");
    }

    @Test
    void aSliceWithoutBarsBooksButRecordsNoEquityPoint() {
        PortfolioEngine engine = new PortfolioEngine(ZoneOffset.UTC);
        engine.open("acc", dec("1000"));

        SliceResult slice = engine.processSlice(day(1),
                List.of(fill("f1", "acc", "AAA", Side.BUY, "1", "10", "0", day(1))), List.of());

        assertThat(slice.accounts().getFirst().equityPoint()).isNull();
        assertThat(slice.accounts().getFirst().snapshot().asOf()).isEqualTo(day(1));
        // not marked yet: valued at its average cost
        assertThat(slice.accounts().getFirst().snapshot().equity()).isEqualByComparingTo("1000");
    }

    @Test
    void refusesPastSlicesAndFillsOfAccountsThatAreNotOpen() {
        PortfolioEngine engine = new PortfolioEngine(ZoneOffset.UTC);
        engine.open("acc", dec("1000"));
        engine.processSlice(day(2), List.of(), List.of(bar("AAA", day(2), "10")));

        assertThat(engine.isPast(day(2))).isTrue();
        assertThat(engine.isPast(day(3))).isFalse();
        assertThatThrownBy(() -> engine.processSlice(day(2), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not after");
        assertThatThrownBy(() -> engine.processSlice(day(3),
                List.of(fill("f1", "ghost", "AAA", Side.BUY, "1", "10", "0", day(3))), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> engine.open("acc", dec("5"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.reset("nobody", dec("5"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void openingAndResettingGiveASnapshotAsOfTheLastSlice() {
        PortfolioEngine engine = new PortfolioEngine(ZoneOffset.UTC);
        assertThat(engine.open("acc", dec("1000")).snapshot().asOf()).isNull();
        engine.processSlice(day(1), List.of(fill("f1", "acc", "AAA", Side.BUY, "1", "10", "0", day(1))),
                List.of(bar("AAA", day(1), "12")));

        AccountUpdate reset = engine.reset("acc", dec("250"));

        assertThat(reset.snapshot().asOf()).isEqualTo(day(1));
        assertThat(reset.snapshot().cash()).isEqualByComparingTo("250");
        assertThat(reset.snapshot().positions()).isEmpty();
        assertThat(reset.startingCash()).isEqualByComparingTo("250");
    }

    @Test
    void theSavedStateIsCompactAndRestoresTheSameEngine() {
        PortfolioEngine engine = new PortfolioEngine(ZoneOffset.UTC);
        engine.open("acc", dec("1000"));
        for (int i = 1; i <= 30; i++) {
            engine.processSlice(day(i), i % 2 == 1
                            ? List.of(fill("f" + i, "acc", "AAA", Side.BUY, "1", "10", "0.5", day(i)))
                            : List.of(fill("f" + i, "acc", "AAA", Side.SELL, "1", "11", "0.5", day(i))),
                    List.of(bar("AAA", day(i), i % 3 == 0 ? "9" : "12")));
        }

        PortfolioEngineState state = engine.state();
        // 15 round trips and 30 points happened; the state keeps none of the trades and at most three points
        assertThat(state.accounts()).singleElement().satisfies(account -> {
            assertThat(account.trades()).isEmpty();
            assertThat(account.equityCurve()).hasSizeLessThanOrEqualTo(3);
        });
        PortfolioEngine restored = PortfolioEngine.restore(ZoneOffset.UTC,
                JsonCodec.decode(JsonCodec.encode(state), PortfolioEngineState.class));
        assertThat(restored.lastSlice()).contains(day(30));
        assertThat(restored.state()).isEqualTo(state);

        List<Fill> fills = List.of(fill("f31", "acc", "AAA", Side.BUY, "3", "10", "1", day(31)));
        List<Bar> bars = List.of(bar("AAA", day(31), "13"));
        assertThat(restored.processSlice(day(31), fills, bars)).isEqualTo(engine.processSlice(day(31), fills, bars));
    }

    /**
     * The order of docs/contracts.md step 3 (all of a slice's fills, then all of its marks, one snapshot after the
     * slice) gives the in-process backtest's trades and equity curve exactly, with fees, several symbols and the
     * engine restored from its saved state along the way.
     */
    @Test
    void slicesBookedFillsFirstThenMarkedReproduceTheBacktest() {
        List<String> symbols = List.of("AAA", "BBB", "CCC");
        List<Bar> bars = SyntheticBars.generate(7, symbols, "1d", T0, Duration.ofDays(1), 400);
        RouterConfig router = RouterConfig.defaults().withSizing(new Sizing.PercentOfEquity(new BigDecimal("20")))
                .withLongOnly(false);
        ExecutionConfig execution = ExecutionConfig.defaults().withFees(ModelSpecs.fees("pct:0.1"))
                .withSlippage(ModelSpecs.slippage("bps:5"));
        BacktestConfig config = new BacktestConfig("acct", new BigDecimal("100000"),
                List.of(StrategySpec.of("macd-crossover"), StrategySpec.of("rsi-divergence"),
                        StrategySpec.of("tsi-momentum")), router, execution, PerformanceParameters.DAILY_STOCKS,
                ZoneOffset.UTC);
        BacktestResult backtest = new BacktestEngine(config).run(bars);
        assertThat(backtest.trades()).as("the backtest trades").hasSizeGreaterThan(10);

        Map<Instant, List<Bar>> barsBySlice = new LinkedHashMap<>();
        bars.forEach(bar -> barsBySlice.computeIfAbsent(bar.openTime(), t -> new ArrayList<>()).add(bar));
        Map<Instant, List<Fill>> fillsBySlice = new LinkedHashMap<>();
        backtest.fills().forEach(fill -> fillsBySlice.computeIfAbsent(fill.filledAt(), t -> new ArrayList<>()).add(fill));

        PortfolioEngine engine = new PortfolioEngine(ZoneOffset.UTC);
        engine.open("acct", new BigDecimal("100000"));
        List<RoundTrip> trades = new ArrayList<>();
        List<EquityPoint> curve = new ArrayList<>();
        PortfolioSnapshot last = null;
        int n = 0;
        for (Map.Entry<Instant, List<Bar>> slice : barsBySlice.entrySet()) {
            if (++n % 37 == 0) {
                engine = PortfolioEngine.restore(ZoneOffset.UTC,
                        JsonCodec.decode(JsonCodec.encode(engine.state()), PortfolioEngineState.class));
            }
            SliceResult result = engine.processSlice(slice.getKey(),
                    fillsBySlice.getOrDefault(slice.getKey(), List.of()), slice.getValue());
            result.bookings().forEach(booking -> trades.addAll(booking.closed()));
            AccountUpdate account = result.accounts().getFirst();
            curve.add(account.equityPoint());
            last = account.snapshot();
        }

        assertThat(trades).isEqualTo(backtest.trades());
        assertThat(curve).isEqualTo(backtest.equityCurve());
        assertThat(last).isEqualTo(backtest.finalSnapshot());
    }
}
