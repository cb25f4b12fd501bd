package dev.papertrader.router.engine;

import static dev.papertrader.router.engine.EngineFixtures.ACCOUNT;
import static dev.papertrader.router.engine.EngineFixtures.DAY1;
import static dev.papertrader.router.engine.EngineFixtures.DAY2;
import static dev.papertrader.router.engine.EngineFixtures.DAY3;
import static dev.papertrader.router.engine.EngineFixtures.DAY4;
import static dev.papertrader.router.engine.EngineFixtures.buy;
import static dev.papertrader.router.engine.EngineFixtures.flat;
import static dev.papertrader.router.engine.EngineFixtures.holding;
import static dev.papertrader.router.engine.EngineFixtures.sell;
import static dev.papertrader.router.engine.EngineFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.RouterRules;
import dev.papertrader.core.router.RoutingResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router engine: slices closed in event time, late signals, watermarks, state round trip. */
class RouterEngineTests {

    private final RouterEngine engine = new RouterEngine(RouterConfig.defaults(), ACCOUNT);

    @Test
    void aClosedSliceDecidesItsSignalsInOrderAgainstItsSnapshotAtTheirBarTime() {
        engine.ordersClosed(DAY1);

        List<RoutingResult> results = engine.closeSlice(DAY1, flat("10000", DAY1),
                List.of(buy("AAPL", DAY1, "81.5"), sell("MSFT", DAY1, "27")));

        // 10 % of 10000 at 81.5 = 12.27 -> 12 whole shares; the SELL while flat is refused (long only).
        Order order = results.get(0).order();
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.qty()).isEqualByComparingTo("12");
        assertThat(order.createdAt()).isEqualTo(DAY1);
        assertThat(results.get(1).decision().rule()).isEqualTo(RouterRules.LONG_ONLY);
        assertThat(results.get(1).decision().decidedAt()).isEqualTo(DAY1);
        assertThat(engine.lastClosedSlice()).contains(DAY1);
        assertThat(engine.lastSnapshot()).contains(flat("10000", DAY1));
        assertThat(engine.isClosed(DAY1)).isTrue();
        assertThat(engine.isClosed(DAY2)).isFalse();
    }

    @Test
    void aSliceWithoutSignalsStillCloses() {
        engine.ordersClosed(DAY1);

        assertThat(engine.closeSlice(DAY1, flat("10000", DAY1), List.of())).isEmpty();
        assertThat(engine.lastClosedSlice()).contains(DAY1);
    }

    @Test
    void aSliceWaitsForTheOrderServiceToCloseIt() {
        assertThat(engine.ordersReady(DAY1)).isFalse();
        assertThatThrownBy(() -> engine.closeSlice(DAY1, flat("10000", DAY1), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no slice yet");

        engine.ordersClosed(DAY2);

        // The order service closes slices in order: its watermark at DAY2 covers DAY1.
        assertThat(engine.ordersReady(DAY1)).isTrue();
        assertThat(engine.ordersReady(DAY3)).isFalse();
    }

    @Test
    void anOlderOrdersWatermarkChangesNothing() {
        engine.ordersClosed(DAY2);
        engine.ordersClosed(DAY1);

        assertThat(engine.ordersClosedThrough()).contains(DAY2);
    }

    @Test
    void aClosedSliceCannotBeClosedAgain() {
        engine.ordersClosed(DAY2);
        engine.closeSlice(DAY2, flat("10000", DAY2), List.of());

        assertThatThrownBy(() -> engine.closeSlice(DAY1, flat("10000", DAY1), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed already");
    }

    @Test
    void theSnapshotMustBeTheAccountsAsOfTheSlice() {
        engine.ordersClosed(DAY2);

        assertThatThrownBy(() -> engine.closeSlice(DAY2, flat("10000", DAY1), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as of " + DAY2);
        PortfolioSnapshot other = new PortfolioSnapshot("acct-2", flat("1", DAY2).cash(), flat("1", DAY2).equity(),
                null, null, List.of(), DAY2);
        assertThatThrownBy(() -> engine.closeSlice(DAY2, other, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acct-2");
    }

    @Test
    void aSignalAfterTheSliceDoesNotBelongToIt() {
        engine.ordersClosed(DAY2);

        assertThatThrownBy(() -> engine.closeSlice(DAY1, flat("10000", DAY1), List.of(buy("AAPL", DAY2, "10"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThat(engine.lastClosedSlice()).isEmpty();
    }

    @Test
    void aStraySignalOfAnEarlierBarIsDecidedAtTheSliceItClosesWith() {
        engine.ordersClosed(DAY3);
        Signal stray = buy("IBM", DAY2, "100");

        RoutingResult result = engine.closeSlice(DAY3, flat("10000", DAY3), List.of(stray)).get(0);

        // Ordered at DAY3, so it can only fill from the bar after DAY3, never on bars already filled.
        assertThat(result.order().createdAt()).isEqualTo(DAY3);
        assertThat(result.decision().decidedAt()).isEqualTo(DAY3);
        assertThat(result.order().qty()).isEqualByComparingTo("10");
    }

    @Test
    void aLateSignalIsDecidedAtOnceAgainstTheLastSnapshotAtTheLastClosedSlice() {
        engine.ordersClosed(DAY2);
        engine.closeSlice(DAY2, flat("5000", DAY2), List.of());
        Signal late = buy("AAPL", DAY1, "50");

        assertThat(engine.isLate(late)).isTrue();
        RoutingResult result = engine.decideLate(late);

        // Sized on the DAY2 snapshot: 10 % of 5000 at 50 = 10 shares; created at DAY2.
        assertThat(result.order().qty()).isEqualByComparingTo("10");
        assertThat(result.order().createdAt()).isEqualTo(DAY2);
        assertThat(result.decision().decidedAt()).isEqualTo(DAY2);
        assertThat(engine.routerState().openOrders()).hasSize(1);
    }

    @Test
    void aSignalOfASliceNotClosedYetIsNotLate() {
        assertThat(engine.isLate(buy("AAPL", DAY1, "50"))).isFalse();
        assertThatThrownBy(() -> engine.decideLate(buy("AAPL", DAY1, "50")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not late");

        engine.ordersClosed(DAY1);
        engine.closeSlice(DAY1, flat("5000", DAY1), List.of());

        assertThat(engine.isLate(buy("AAPL", DAY2, "50"))).isFalse();
        assertThat(engine.isLate(buy("AAPL", DAY1, "50"))).isTrue();
    }

    @Test
    void openOrdersFollowTheOrderServicesEvents() {
        engine.ordersClosed(DAY1);
        Order bought = engine.closeSlice(DAY1, flat("10000", DAY1), List.of(buy("AAPL", DAY1, "81.5")))
                .get(0).order();

        // DAY2: the order filled (the snapshot holds 12 AAPL) but its FILLED status has not been seen: still open.
        engine.ordersClosed(DAY2);
        RoutingResult whileOpen = engine.closeSlice(DAY2, holding("9022", "AAPL", "12", "81.5", DAY2),
                List.of(sell("AAPL", DAY2, "85"))).get(0);
        assertThat(whileOpen.decision().rule()).isEqualTo(RouterRules.PENDING_ORDER);

        engine.onExecution(status(bought.id(), "AAPL", OrderStatus.FILLED, DAY3));
        engine.ordersClosed(DAY3);
        RoutingResult exit = engine.closeSlice(DAY3, holding("9022", "AAPL", "12", "86", DAY3),
                List.of(sell("AAPL", DAY3, "86"))).get(0);

        assertThat(exit.accepted()).isTrue();
        assertThat(exit.order().side()).isEqualTo(Side.SELL);
        assertThat(exit.order().qty()).isEqualByComparingTo("12");
    }

    @Test
    void theKillSwitchRejectsOpeningsButNotExits() {
        engine.halt("maintenance");
        engine.ordersClosed(DAY1);

        List<RoutingResult> results = engine.closeSlice(DAY1, holding("1000", "MSFT", "5", "27", DAY1),
                List.of(buy("AAPL", DAY1, "81.5"), sell("MSFT", DAY1, "27")));

        assertThat(results.get(0).decision().rule()).isEqualTo(RouterRules.KILL_SWITCH);
        assertThat(results.get(0).decision().reason()).isEqualTo("maintenance");
        assertThat(results.get(1).accepted()).isTrue();
        assertThat(engine.halted()).isTrue();
        assertThat(engine.haltRule()).isEqualTo(RouterRules.KILL_SWITCH);

        engine.resume();
        assertThat(engine.halted()).isFalse();
        assertThat(engine.haltReason()).isNull();
    }

    @Test
    void aRestoredEngineContinuesExactlyWhereTheStoredOneStopped() {
        engine.halt("maintenance");
        engine.resume();
        engine.ordersClosed(DAY2);
        engine.closeSlice(DAY2, flat("10000", DAY2), List.of(buy("AAPL", DAY2, "81.5")));
        engine.ordersClosed(DAY3);
        String json = JsonCodec.encode(engine.state());

        RouterEngine restored = RouterEngine.restore(RouterConfig.defaults(), ACCOUNT,
                JsonCodec.decode(json, RouterEngineState.class));

        assertThat(restored.state()).isEqualTo(engine.state());
        assertThat(restored.lastClosedSlice()).contains(DAY2);
        assertThat(restored.ordersClosedThrough()).contains(DAY3);
        assertThat(restored.lastSnapshot()).contains(flat("10000", DAY2));
        // Both decide the next slice alike: the open AAPL order blocks a second AAPL order in each.
        List<Signal> next = List.of(buy("AAPL", DAY3, "80"), buy("MSFT", DAY3, "25"));
        assertThat(restored.closeSlice(DAY3, flat("9000", DAY3), next))
                .isEqualTo(engine.closeSlice(DAY3, flat("9000", DAY3), next));
        assertThat(restored.state()).isEqualTo(engine.state());
    }

    @Test
    void anEmptyStateHasNoSliceAndNoSnapshot() {
        RouterEngine restored = RouterEngine.restore(RouterConfig.defaults(), ACCOUNT, RouterEngineState.empty());

        assertThat(restored.lastClosedSlice()).isEmpty();
        assertThat(restored.ordersClosedThrough()).isEmpty();
        assertThat(restored.lastSnapshot()).isEmpty();
        assertThatThrownBy(() -> new RouterEngineState(RouterEngineState.empty().router(), DAY4, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
