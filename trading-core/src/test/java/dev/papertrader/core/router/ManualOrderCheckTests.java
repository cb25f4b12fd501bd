package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.dec;
import static dev.papertrader.core.router.Fixtures.flat;
import static dev.papertrader.core.router.Fixtures.position;
import static dev.papertrader.core.router.Fixtures.snapshot;
import static dev.papertrader.core.router.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SignalRouter#checkManual}: the risk rules on explicit orders, hand-computed. */
class ManualOrderCheckTests {

    private static Order market(String id, Side side, String qty) {
        return new Order(id, null, ACCOUNT, "AAPL", side, OrderType.MARKET, dec(qty), null, null, null,
                TimeInForce.DAY, T0);
    }

    private static Order limit(String id, Side side, String qty, String limit) {
        return new Order(id, null, ACCOUNT, "AAPL", side, OrderType.LIMIT, dec(qty), null, dec(limit), null,
                TimeInForce.GTC, T0);
    }

    private static SignalRouter router(RiskLimits risk) {
        return new SignalRouter(RouterConfig.defaults().withRisk(risk), ACCOUNT);
    }

    @Test
    void anAffordableBuyIsAcceptedAndCountsAsOpen() {
        SignalRouter router = router(RiskLimits.none());
        // 10 × 100 = 1000 ≤ cash 1000
        Decision decision = router.checkManual(List.of(market("o1", Side.BUY, "10")), dec("100"), flat("1000"), T0);
        assertThat(decision.accepted()).isTrue();
        assertThat(decision.rule()).isEqualTo(RouterRules.ACCEPTED);
        assertThat(decision.orderId()).isEqualTo("o1");
        assertThat(decision.signalId()).isEqualTo("manual|o1");
        assertThat(decision.strategy()).isEqualTo(SignalRouter.MANUAL);
        assertThat(decision.signalType()).isEqualTo(SignalType.BUY);
        assertThat(decision.qty()).isEqualByComparingTo("10");
        assertThat(router.state().openOrders()).singleElement()
                .satisfies(open -> assertThat(open.notional()).isEqualByComparingTo("1000"));
    }

    @Test
    void aBuyOverTheCashLeftAfterOpenBuysIsRefusedForBuyingPower() {
        SignalRouter router = router(RiskLimits.none());
        router.checkManual(List.of(market("o1", Side.BUY, "6")), dec("100"), flat("1000"), T0); // reserves 600
        // 5 × 100 = 500 > 1000 − 600 = 400
        Decision decision = router.checkManual(List.of(market("o2", Side.BUY, "5")), dec("100"), flat("1000"), T0);
        assertThat(decision.accepted()).isFalse();
        assertThat(decision.rule()).isEqualTo(RouterRules.BUYING_POWER);
        assertThat(decision.reason()).contains("insufficient buying power").contains("500").contains("400");
        // once o1 ends, its cash is free again: 500 ≤ 1000
        router.onExecution(status("o1", "AAPL", OrderStatus.CANCELED));
        assertThat(router.checkManual(List.of(market("o3", Side.BUY, "5")), dec("100"), flat("1000"), T0).accepted())
                .isTrue();
    }

    @Test
    void aLimitBuyIsPricedAtItsLimit() {
        SignalRouter router = router(RiskLimits.none());
        // 10 × 90 = 900 ≤ 950 although 10 × the last price 100 = 1000 would not be
        assertThat(router.checkManual(List.of(limit("o1", Side.BUY, "10", "90")), dec("100"), flat("950"), T0)
                .accepted()).isTrue();
    }

    @Test
    void theKillSwitchRefusesOpeningsButNotExits() {
        SignalRouter router = router(RiskLimits.none());
        router.halt("manual stop");
        Decision opening = router.checkManual(List.of(market("o1", Side.BUY, "1")), dec("100"), flat("1000"), T0);
        assertThat(opening.rule()).isEqualTo(RouterRules.KILL_SWITCH);
        assertThat(opening.reason()).isEqualTo("manual stop");
        // long 5: selling 5 only reduces
        Decision exit = router.checkManual(List.of(market("o2", Side.SELL, "5")), dec("100"),
                snapshot("0", "500", "500", "500", position("AAPL", "5", "100")), T0);
        assertThat(exit.accepted()).isTrue();
    }

    @Test
    void maxPositionCountsTheHeldQuantity() {
        SignalRouter router = router(RiskLimits.none().withMaxPositionQty(dec("10")));
        // long 8 + 3 = 11 > 10
        Decision decision = router.checkManual(List.of(market("o1", Side.BUY, "3")), dec("10"),
                snapshot("1000", "1080", "1080", "1080", position("AAPL", "8", "10")), T0);
        assertThat(decision.rule()).isEqualTo(RouterRules.MAX_POSITION);
        assertThat(decision.reason()).contains("11");
    }

    @Test
    void grossExposureAddsOpenOpeningOrders() {
        SignalRouter router = router(RiskLimits.none().withMaxGrossExposure(dec("1500")));
        router.checkManual(List.of(market("o1", Side.BUY, "10")), dec("100"), flat("5000"), T0); // 1000 open
        // 0 + 1000 + 6 × 100 = 1600 > 1500
        Decision decision = router.checkManual(List.of(market("o2", Side.BUY, "6")), dec("100"), flat("5000"), T0);
        assertThat(decision.rule()).isEqualTo(RouterRules.MAX_GROSS_EXPOSURE);
        assertThat(decision.reason()).contains("1600");
    }

    @Test
    void maxOpenOrdersCountsLegs() {
        SignalRouter router = router(RiskLimits.none().withMaxOpenOrders(3));
        Order parent = market("p", Side.BUY, "1");
        Order takeProfit = new Order("tp", null, ACCOUNT, "AAPL", Side.SELL, OrderType.LIMIT, dec("1"), null,
                dec("120"), null, TimeInForce.GTC, T0, null, null, "p", "g", null);
        Order stopLoss = new Order("sl", null, ACCOUNT, "AAPL", Side.SELL, OrderType.STOP, dec("1"), null, null,
                dec("90"), TimeInForce.GTC, T0, null, null, "p", "g", null);
        assertThat(router.checkManual(List.of(parent, takeProfit, stopLoss), dec("100"), flat("1000"), T0).accepted())
                .isTrue();
        assertThat(router.state().openOrders()).hasSize(3);
        // 3 open, the limit is 3
        Decision next = router.checkManual(List.of(market("o2", Side.BUY, "1")), dec("100"), flat("1000"), T0);
        assertThat(next.rule()).isEqualTo(RouterRules.MAX_OPEN_ORDERS);
    }

    @Test
    void aLongOnlyRouterRefusesASellThatWouldGoShort() {
        SignalRouter router = router(RiskLimits.none());
        // long 2, sell 3 → −1
        Decision decision = router.checkManual(List.of(market("o1", Side.SELL, "3")), dec("100"),
                snapshot("0", "200", "200", "200", position("AAPL", "2", "100")), T0);
        assertThat(decision.rule()).isEqualTo(RouterRules.LONG_ONLY);
        assertThat(router.state().openOrders()).isEmpty();
    }

    @Test
    void aNotionalBuyIsCheckedByItsNotional() {
        SignalRouter router = router(RiskLimits.none().withMaxPositionQty(dec("4")));
        Order notional = new Order("o1", null, ACCOUNT, "AAPL", Side.BUY, OrderType.MARKET, null, dec("450"), null,
                null, TimeInForce.DAY, T0);
        // 450 / 100 = 4.5 > 4
        assertThat(router.checkManual(List.of(notional), dec("100"), flat("1000"), T0).rule())
                .isEqualTo(RouterRules.MAX_POSITION);
        assertThat(router.checkManual(List.of(notional), dec("150"), flat("1000"), T0).accepted()).isTrue(); // 3
    }

    @Test
    void theDecisionIsAtTheGivenTime() {
        SignalRouter router = router(RiskLimits.none());
        var later = T0.plusSeconds(3600);
        assertThat(router.checkManual(List.of(market("o1", Side.BUY, "1")), BigDecimal.TEN, flat("100"), later)
                .decidedAt()).isEqualTo(later);
    }
}
