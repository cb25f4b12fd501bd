package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.STRATEGY;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.at;
import static dev.papertrader.core.router.Fixtures.buy;
import static dev.papertrader.core.router.Fixtures.config;
import static dev.papertrader.core.router.Fixtures.dec;
import static dev.papertrader.core.router.Fixtures.flat;
import static dev.papertrader.core.router.Fixtures.sell;
import static dev.papertrader.core.router.Fixtures.signal;
import static dev.papertrader.core.router.Fixtures.snapshot;
import static dev.papertrader.core.router.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each sizing rule with hand-computed quantities, rounding down to whole units or 8 decimals. */
class PositionSizingTests {

    private static RoutingResult route(Sizing sizing, boolean fractional, Signal signal, PortfolioSnapshot portfolio) {
        return new SignalRouter(config().withSizing(sizing).withFractional(fractional), ACCOUNT).route(signal,
                portfolio);
    }

    @Nested
    class PercentOfEquity {

        private final Sizing tenPercent = new Sizing.PercentOfEquity(dec("10"));

        @Test
        void wholeUnitsRoundDown() {
            // 10000 × 10 / 100 / 81.5 = 12.27 -> 12
            RoutingResult result = route(tenPercent, false, buy("AAPL", "81.5", T0), flat("10000"));

            assertThat(result.order().qty()).isEqualTo(new BigDecimal("12"));
            assertThat(result.decision().qty()).isEqualTo(new BigDecimal("12"));
            assertThat(result.decision().rule()).isEqualTo(RouterRules.ACCEPTED);
            assertThat(result.decision().reason()).isEqualTo("percent-of-equity 10% of equity 10000 at 81.5 -> 12 AAPL");
        }

        @Test
        void fractionalKeepsEightDecimalsRoundedDown() {
            // 1000 / 81.5 = 12.269938650306...
            RoutingResult result = route(tenPercent, true, buy("AAPL", "81.5", T0), flat("10000"));

            assertThat(result.order().qty()).isEqualTo(new BigDecimal("12.26993865"));
        }

        @Test
        void usesEquityNotCash() {
            // equity 20000 (cash 5000 + positions): 2000 / 100 = 20 units, affordable with 5000 cash
            RoutingResult result = route(tenPercent, false, buy("AAPL", "100", T0),
                    snapshot("5000", "20000", "20000", "20000", Fixtures.position("MSFT", "50", "300")));

            assertThat(result.order().qty()).isEqualByComparingTo("20");
        }

        @Test
        void tooLittleEquityForOneUnitIsASizingRejection() {
            // 500 × 10 % = 50 < 81.5
            Decision decision = route(tenPercent, false, buy("AAPL", "81.5", T0), flat("500")).decision();

            assertThat(decision.accepted()).isFalse();
            assertThat(decision.rule()).isEqualTo(RouterRules.SIZING);
            assertThat(decision.reason()).isEqualTo("percent-of-equity 10% of equity 500 at 81.5 -> 0 AAPL");
        }
    }

    @Nested
    class FixedQuantity {

        @Test
        void wholeUnitsDropTheFraction() {
            RoutingResult result = route(new Sizing.FixedQuantity(dec("7.9")), false, buy("AAPL", "81.5", T0),
                    flat("10000"));

            assertThat(result.order().qty()).isEqualByComparingTo("7");
            assertThat(result.decision().reason()).isEqualTo("fixed-quantity 7.9 -> 7 AAPL");
        }

        @Test
        void fractionalKeepsIt() {
            assertThat(route(new Sizing.FixedQuantity(dec("7.9")), true, buy("AAPL", "81.5", T0), flat("10000"))
                    .order().qty()).isEqualByComparingTo("7.9");
        }
    }

    @Nested
    class FixedNotional {

        @Test
        void quantityIsNotionalOverPriceRoundedDown() {
            // 1299 / 100 = 12.99 -> 12 (down, not to nearest)
            RoutingResult result = route(new Sizing.FixedNotional(dec("1299")), false, buy("AAPL", "100", T0),
                    flat("10000"));

            assertThat(result.order().qty()).isEqualByComparingTo("12");
            assertThat(result.decision().reason()).isEqualTo("fixed-notional 1299 at 100 -> 12 AAPL");
        }

        @Test
        void fractionalGivesEightDecimals() {
            // 1000 / 30 = 33.333333333...
            assertThat(route(new Sizing.FixedNotional(dec("1000")), true, buy("AAPL", "30", T0), flat("10000"))
                    .order().qty()).isEqualTo(new BigDecimal("33.33333333"));
        }
    }

    @Nested
    class AtrRisk {

        @Test
        void riskAmountOverStopDistance() {
            // 50000 × 1 % = 500 at risk; stop 2 × 2.5 = 5 per unit -> 100 units (cost 4000)
            Signal signal = signal(STRATEGY, "AAPL", SignalType.BUY, "1", T0, "40", "2.5");

            RoutingResult result = route(new Sizing.AtrRisk(dec("1"), dec("2")), false, signal, flat("50000"));

            assertThat(result.order().qty()).isEqualByComparingTo("100");
            assertThat(result.decision().reason()).isEqualTo("atr-risk 1% of equity 50000 / (atr 2.5 x 2) -> 100 AAPL");
        }

        @Test
        void roundsDownToWholeOrEightDecimals() {
            // 20000 × 0.5 % = 100; stop 3 × 1.2 = 3.6; 100 / 3.6 = 27.777...
            Signal signal = signal(STRATEGY, "AAPL", SignalType.BUY, "1", T0, "40", "1.2");
            Sizing sizing = new Sizing.AtrRisk(dec("0.5"), dec("3"));

            assertThat(route(sizing, false, signal, flat("20000")).order().qty()).isEqualByComparingTo("27");
            assertThat(route(sizing, true, signal, flat("20000")).order().qty())
                    .isEqualTo(new BigDecimal("27.77777777"));
        }

        @Test
        void aSignalWithoutAtrIsASizingRejection() {
            Decision decision = route(new Sizing.AtrRisk(dec("1"), dec("2")), false, buy("AAPL", "40", T0),
                    flat("50000")).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.SIZING);
            assertThat(decision.reason()).isEqualTo("atr-risk sizing needs the signal's atr; the AAPL signal has none");
        }
    }

    @Nested
    class AllIn {

        @Test
        void fractionalMakesANotionalOrderForAllTheCash() {
            RoutingResult result = route(new Sizing.AllIn(), true, buy("AAPL", "81.5", T0), flat("10000"));

            Order order = result.order();
            assertThat(order.notional()).isEqualByComparingTo("10000");
            assertThat(order.qty()).isNull();
            assertThat(result.decision().notional()).isEqualByComparingTo("10000");
            assertThat(result.decision().qty()).isNull();
            assertThat(result.decision().reason())
                    .isEqualTo("all-in notional order for available cash 10000 of AAPL; quantity set at the fill price");
        }

        @Test
        void fractionalNotionalIsCutToEightDecimals() {
            assertThat(route(new Sizing.AllIn(), true, buy("AAPL", "81.5", T0), flat("1234.567891239")).order()
                    .notional()).isEqualTo(new BigDecimal("1234.56789123"));
        }

        @Test
        void wholeUnitsBuyWhatTheCashAffords() {
            // 10000 / 81.5 = 122.7 -> 122
            RoutingResult result = route(new Sizing.AllIn(), false, buy("AAPL", "81.5", T0), flat("10000"));

            assertThat(result.order().qty()).isEqualByComparingTo("122");
            assertThat(result.order().notional()).isNull();
            assertThat(result.decision().reason()).isEqualTo("all-in available cash 10000 at 81.5 -> 122 AAPL");
        }

        @Test
        void noCashIsASizingRejection() {
            Decision decision = route(new Sizing.AllIn(), true, buy("AAPL", "81.5", T0),
                    snapshot("-5", "1000", "1000", "1000")).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.SIZING);
            assertThat(decision.reason()).isEqualTo("all-in: no available cash for AAPL (0)");
        }

        @Test
        void openBuyOrdersReserveTheirCash() {
            SignalRouter router = new SignalRouter(config().withSizing(new Sizing.AllIn()), ACCOUNT);
            Signal aapl = buy("AAPL", "100", T0);

            RoutingResult first = router.route(aapl, flat("10000"));
            Decision second = router.route(buy("MSFT", "50", T0), flat("10000")).decision();
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, aapl.id()), "AAPL", OrderStatus.CANCELED));
            RoutingResult third = router.route(buy("MSFT", "50", at(Duration.ofDays(1))), flat("10000"));

            assertThat(first.order().qty()).isEqualByComparingTo("100");
            assertThat(second.rule()).isEqualTo(RouterRules.SIZING);
            assertThat(second.reason()).isEqualTo("all-in available cash 0 at 50 -> 0 MSFT");
            assertThat(third.order().qty()).isEqualByComparingTo("200");
        }

        @Test
        void aShortAllInSellsWhatTheCashWouldBuy() {
            RoutingResult result = new SignalRouter(config().withSizing(new Sizing.AllIn()).withLongOnly(false)
                    .withFractional(true), ACCOUNT).route(sell("AAPL", "81.5", T0), flat("10000"));

            assertThat(result.order().side()).isEqualTo(Side.SELL);
            assertThat(result.order().notional()).isEqualByComparingTo("10000");
        }
    }

    @Nested
    class CashCap {

        @Test
        void aLongOpeningIsCappedAtWhatTheCashBuys() {
            // 10 % of 10000 = 12 units at 81.5, but 500 cash buys 500 / 81.5 = 6.13 -> 6
            RoutingResult result = route(new Sizing.PercentOfEquity(dec("10")), false, buy("AAPL", "81.5", T0),
                    snapshot("500", "10000", "10000", "10000"));

            assertThat(result.order().qty()).isEqualByComparingTo("6");
            assertThat(result.decision().reason()).isEqualTo(
                    "percent-of-equity 10% of equity 10000 at 81.5 -> 6 AAPL (capped from 12 by available cash 500)");
        }

        @Test
        void tooLittleCashForOneUnitIsASizingRejection() {
            Decision decision = route(new Sizing.FixedQuantity(dec("5")), false, buy("AAPL", "81.5", T0),
                    snapshot("50", "10000", "10000", "10000")).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.SIZING);
            assertThat(decision.reason()).isEqualTo("fixed-quantity 5 -> 0 AAPL (capped from 5 by available cash 50)");
        }

        @Test
        void aShortOpeningIsNotCappedByCash() {
            RoutingResult result = new SignalRouter(config().withLongOnly(false), ACCOUNT)
                    .route(sell("AAPL", "81.5", T0), snapshot("100", "10000", "10000", "10000"));

            assertThat(result.order().qty()).isEqualByComparingTo("12");
        }
    }
}
