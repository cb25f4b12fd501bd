package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.at;
import static dev.papertrader.core.router.Fixtures.buy;
import static dev.papertrader.core.router.Fixtures.config;
import static dev.papertrader.core.router.Fixtures.dec;
import static dev.papertrader.core.router.Fixtures.flat;
import static dev.papertrader.core.router.Fixtures.position;
import static dev.papertrader.core.router.Fixtures.sell;
import static dev.papertrader.core.router.Fixtures.snapshot;
import static dev.papertrader.core.router.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Kill switch, drawdown halt, daily loss, open orders, position and gross exposure limits. */
class SignalRouterRiskTests {

    private static final PortfolioSnapshot FLAT = flat("10000");
    private static final PortfolioSnapshot LONG_12_AAPL = snapshot("9022", "10000", "10000", "10000",
            position("AAPL", "12", "81.5"));

    private static SignalRouter router(RiskLimits limits) {
        return new SignalRouter(config().withRisk(limits), ACCOUNT);
    }

    @Nested
    class KillSwitch {

        @Test
        void haltRefusesOpeningsWithTheOperatorsReasonUntilResume() {
            SignalRouter router = router(RiskLimits.none());
            router.halt("broker maintenance");

            Decision refused = router.route(buy("AAPL", "81.5", T0), FLAT).decision();
            router.resume();
            Decision accepted = router.route(buy("MSFT", "300", T0), FLAT).decision();

            assertThat(refused.rule()).isEqualTo(RouterRules.KILL_SWITCH);
            assertThat(refused.reason()).isEqualTo("broker maintenance");
            assertThat(accepted.accepted()).isTrue();
            assertThat(router.halted()).isFalse();
            assertThat(router.haltReason()).isNull();
        }

        @Test
        void exitsPassWhileHalted() {
            SignalRouter router = router(RiskLimits.none());
            router.halt("panic");

            RoutingResult exit = router.route(sell("AAPL", "81.5", T0), LONG_12_AAPL);

            assertThat(exit.accepted()).isTrue();
            assertThat(exit.order().qty()).isEqualByComparingTo("12");
            assertThat(exit.decision().reason())
                    .isEqualTo("close long: sell the whole position of 12 AAPL (allowed while halted: exits are never blocked)");
        }

        @Test
        void haltNeedsAReason() {
            assertThatThrownBy(() -> router(RiskLimits.none()).halt(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class MaxDrawdownHalt {

        private final RiskLimits twentyPercent = RiskLimits.none().withMaxDrawdownHaltPct(dec("20"));

        @Test
        void aDrawdownAtTheLimitHaltsTheRouterWithTheReasonRecorded() {
            // peak 12500, equity 10000: (12500 - 10000) / 12500 = 20 %
            SignalRouter router = router(twentyPercent);

            Decision decision = router.route(buy("AAPL", "81.5", T0),
                    snapshot("10000", "10000", "12500", "10000")).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.MAX_DRAWDOWN_HALT);
            assertThat(decision.reason()).isEqualTo("drawdown 20% from peak equity 12500 to 10000 at "
                    + "2024-03-04T14:30:00Z reached the limit 20%; openings halted until resume()");
            assertThat(router.halted()).isTrue();
            assertThat(router.haltRule()).isEqualTo(RouterRules.MAX_DRAWDOWN_HALT);
            assertThat(router.haltReason()).isEqualTo(decision.reason());
        }

        @Test
        void aDrawdownJustBelowTheLimitPasses() {
            // (12500 - 10001) / 12500 = 19.992 %
            SignalRouter router = router(twentyPercent);

            assertThat(router.route(buy("AAPL", "81.5", T0), snapshot("10001", "10001", "12500", "10001"))
                    .accepted()).isTrue();
            assertThat(router.halted()).isFalse();
        }

        @Test
        void theHaltSticksAfterEquityRecoversUntilResume() {
            SignalRouter router = router(twentyPercent);
            router.route(buy("AAPL", "81.5", T0), snapshot("10000", "10000", "12500", "10000"));
            String haltReason = router.haltReason();

            Decision stillHalted = router.route(buy("MSFT", "300", at(Duration.ofDays(1))), flat("12500"))
                    .decision();
            router.resume();
            Decision afterResume = router.route(buy("GOOG", "100", at(Duration.ofDays(2))), flat("12500"))
                    .decision();

            assertThat(stillHalted.rule()).isEqualTo(RouterRules.MAX_DRAWDOWN_HALT);
            assertThat(stillHalted.reason()).isEqualTo(haltReason);
            assertThat(afterResume.accepted()).isTrue();
        }

        @Test
        void exitsPassDuringADrawdownHalt() {
            SignalRouter router = router(twentyPercent);
            PortfolioSnapshot deepDrawdown = snapshot("9022", "10000", "20000", "10000",
                    position("AAPL", "12", "81.5"));
            router.route(buy("MSFT", "300", T0), deepDrawdown);

            Decision exit = router.route(sell("AAPL", "81.5", T0), deepDrawdown).decision();

            assertThat(router.halted()).isTrue();
            assertThat(exit.accepted()).isTrue();
        }

        @Test
        void zeroOrNullDisablesIt() {
            PortfolioSnapshot ruined = snapshot("1000", "1000", "100000", "1000");

            assertThat(router(RiskLimits.none().withMaxDrawdownHaltPct(dec("0"))).route(buy("AAPL", "10", T0), ruined)
                    .accepted()).isTrue();
            assertThat(router(RiskLimits.none()).route(buy("AAPL", "10", T0), ruined).accepted()).isTrue();
        }
    }

    @Nested
    class DailyLossLimit {

        private final RiskLimits fivePercent = RiskLimits.none().withDailyLossLimitPct(dec("5"));

        @Test
        void aLossOfTheLimitRefusesOpenings() {
            // day start 10000, equity 9500: lost 500 = 5 %
            Decision decision = router(fivePercent).route(buy("AAPL", "81.5", T0),
                    snapshot("9500", "9500", "10000", "10000")).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.DAILY_LOSS_LIMIT);
            assertThat(decision.reason())
                    .isEqualTo("loss today 500 (5% of day-start equity 10000) reached the limit 5%");
        }

        @Test
        void aSmallerLossPassesAndDoesNotHalt() {
            SignalRouter router = router(fivePercent);

            assertThat(router.route(buy("AAPL", "81.5", T0), snapshot("9501", "9501", "10000", "10000")).accepted())
                    .isTrue();
            assertThat(router.halted()).isFalse();
        }

        @Test
        void theNextDaysSnapshotLiftsIt() {
            SignalRouter router = router(fivePercent);
            router.route(buy("AAPL", "81.5", T0), snapshot("9500", "9500", "10000", "10000"));

            // new day: day-start equity is the previous close
            assertThat(router.route(buy("AAPL", "81.5", at(Duration.ofDays(1))),
                    snapshot("9500", "9500", "10000", "9500")).accepted()).isTrue();
        }

        @Test
        void exitsPass() {
            assertThat(router(fivePercent).route(sell("AAPL", "60", T0),
                    snapshot("9022", "9742", "10000", "10300", position("AAPL", "12", "60"))).accepted()).isTrue();
        }
    }

    @Nested
    class MaxOpenOrders {

        @Test
        void openingsStopAtTheLimitAndResumeWhenAnOrderEnds() {
            SignalRouter router = router(RiskLimits.none().withMaxOpenOrders(2));
            Signal aapl = buy("AAPL", "81.5", T0);
            router.route(aapl, FLAT);
            router.route(buy("MSFT", "300", T0), FLAT);

            Decision third = router.route(buy("GOOG", "100", T0), FLAT).decision();
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, aapl.id()), "AAPL", OrderStatus.FILLED));
            Decision fourth = router.route(buy("AMZN", "100", at(Duration.ofDays(1))), FLAT).decision();

            assertThat(third.rule()).isEqualTo(RouterRules.MAX_OPEN_ORDERS);
            assertThat(third.reason()).isEqualTo("2 orders open, the limit is 2");
            assertThat(fourth.accepted()).isTrue();
        }

        @Test
        void exitsPassAtTheLimitAndCount() {
            SignalRouter router = router(RiskLimits.none().withMaxOpenOrders(1));
            router.route(buy("MSFT", "300", T0), LONG_12_AAPL);

            Decision exit = router.route(sell("AAPL", "81.5", T0), LONG_12_AAPL).decision();

            assertThat(exit.accepted()).isTrue();
            assertThat(router.state().openOrders()).hasSize(2);
        }
    }

    @Nested
    class MaxPosition {

        @Test
        void aQuantityOverTheLimitIsRejected() {
            // 10 % of 10000 at 81.5 -> 12 > 11
            Decision decision = router(RiskLimits.none().withMaxPositionQty(dec("11")))
                    .route(buy("AAPL", "81.5", T0), FLAT).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.MAX_POSITION);
            assertThat(decision.reason()).isEqualTo("AAPL position of 12 would exceed the maximum quantity 11");
        }

        @Test
        void aQuantityAtTheLimitPasses() {
            assertThat(router(RiskLimits.none().withMaxPositionQty(dec("12"))).route(buy("AAPL", "81.5", T0), FLAT)
                    .accepted()).isTrue();
        }

        @Test
        void aNotionalOverTheLimitIsRejected() {
            // 12 × 81.5 = 978 > 977.99
            Decision decision = router(RiskLimits.none().withMaxPositionNotional(dec("977.99")))
                    .route(buy("AAPL", "81.5", T0), FLAT).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.MAX_POSITION);
            assertThat(decision.reason()).isEqualTo("AAPL position worth 978 would exceed the maximum notional 977.99");
        }

        @Test
        void aNotionalAtTheLimitPasses() {
            assertThat(router(RiskLimits.none().withMaxPositionNotional(dec("978"))).route(buy("AAPL", "81.5", T0),
                    FLAT).accepted()).isTrue();
        }

        @Test
        void aNotionalOrderIsCheckedAgainstTheQuantityLimitAtTheSignalPrice() {
            // all-in notional 10000 at 81.5 is about 122.7 units
            SignalRouter router = new SignalRouter(config().withSizing(new Sizing.AllIn()).withFractional(true)
                    .withRisk(RiskLimits.none().withMaxPositionQty(dec("100"))), ACCOUNT);

            Decision decision = router.route(buy("AAPL", "81.5", T0), FLAT).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.MAX_POSITION);
            assertThat(decision.reason()).isEqualTo("AAPL position of about 122.6993865 (notional 10000 at 81.5)"
                    + " would exceed the maximum quantity 100");
        }
    }

    @Nested
    class MaxGrossExposure {

        // MSFT 16 × 300 = 4800 held; 10 % sizing on equity 10000
        private final PortfolioSnapshot holdingMsft = snapshot("5200", "10000", "10000", "10000",
                position("MSFT", "16", "300"));

        @Test
        void positionsPlusTheNewOrderOverTheLimitIsRejected() {
            // 4800 + 12 × 81.5 = 5778 > 5777
            Decision decision = router(RiskLimits.none().withMaxGrossExposure(dec("5777")))
                    .route(buy("AAPL", "81.5", T0), holdingMsft).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.MAX_GROSS_EXPOSURE);
            assertThat(decision.reason()).isEqualTo(
                    "gross exposure would be 5778 (positions 4800 + open orders 0 + this 978), over the limit 5777");
        }

        @Test
        void exactlyTheLimitPasses() {
            assertThat(router(RiskLimits.none().withMaxGrossExposure(dec("5778"))).route(buy("AAPL", "81.5", T0),
                    holdingMsft).accepted()).isTrue();
        }

        @Test
        void shortPositionsCountByTheirAbsoluteValue() {
            PortfolioSnapshot shortMsft = snapshot("14800", "10000", "10000", "10000", position("MSFT", "-16", "300"));

            assertThat(router(RiskLimits.none().withMaxGrossExposure(dec("5777"))).route(buy("AAPL", "81.5", T0),
                    shortMsft).decision().rule()).isEqualTo(RouterRules.MAX_GROSS_EXPOSURE);
        }

        @Test
        void openOpeningOrdersOfTheSameBarCount() {
            // 4800 + 978 (AAPL, open) + 10 × 100 (GOOG) = 6778 > 6000
            SignalRouter router = router(RiskLimits.none().withMaxGrossExposure(dec("6000")));
            assertThat(router.route(buy("AAPL", "81.5", T0), holdingMsft).accepted()).isTrue();

            Decision decision = router.route(buy("GOOG", "100", T0), holdingMsft).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.MAX_GROSS_EXPOSURE);
            assertThat(decision.reason()).isEqualTo(
                    "gross exposure would be 6778 (positions 4800 + open orders 978 + this 1000), over the limit 6000");
        }

        @Test
        void exitsPassEvenOverTheLimit() {
            assertThat(router(RiskLimits.none().withMaxGrossExposure(dec("1"))).route(sell("MSFT", "300", T0),
                    holdingMsft).accepted()).isTrue();
        }
    }

    @Test
    void anExitPassesEveryRiskLimitAtOnce() {
        SignalRouter router = router(RiskLimits.none());
        assertThat(router.route(buy("MSFT", "300", T0), flat("10000")).accepted()).isTrue();
        router.updateConfig(config().withRisk(new RiskLimits(dec("1"), dec("1"), dec("1"), 1, dec("1"), dec("1"))));
        router.halt("everything off");
        PortfolioSnapshot awful = snapshot("9022", "5000", "20000", "10000", position("AAPL", "12", "81.5"));

        RoutingResult exit = router.route(sell("AAPL", "81.5", T0), awful);

        assertThat(exit.accepted()).isTrue();
        assertThat(exit.order().qty()).isEqualByComparingTo("12");
    }
}
