package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.at;
import static dev.papertrader.core.router.Fixtures.buy;
import static dev.papertrader.core.router.Fixtures.config;
import static dev.papertrader.core.router.Fixtures.flat;
import static dev.papertrader.core.router.Fixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link SignalRouter#route(Signal, PortfolioSnapshot, Instant)}: a signal decided after the slice of its bar. */
class LateDecisionTests {

    private static final PortfolioSnapshot FLAT = flat("10000");
    private static final Instant LATER = at(Duration.ofDays(2));

    @Test
    void aLateAcceptedOrderIsCreatedAndDecidedAtTheDecisionTimeWithTheSameIdsAndQuantity() {
        Signal signal = buy("AAPL", "81.5", T0);
        RoutingResult onTime = new SignalRouter(config(), ACCOUNT).route(signal, FLAT);

        RoutingResult late = new SignalRouter(config(), ACCOUNT).route(signal, FLAT, LATER);

        assertThat(late.order().createdAt()).isEqualTo(LATER);
        assertThat(late.decision().decidedAt()).isEqualTo(LATER);
        // Everything else is what the on-time decision says: 10 % of 10000 at 81.5 is 12 whole shares.
        assertThat(late.order()).usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(onTime.order());
        assertThat(late.decision()).usingRecursiveComparison().ignoringFields("decidedAt")
                .isEqualTo(onTime.decision());
        assertThat(late.order().qty()).isEqualByComparingTo("12");
    }

    @Test
    void aLateRejectionIsDecidedAtTheDecisionTime() {
        RoutingResult late = new SignalRouter(config(), ACCOUNT).route(sell("AAPL", "81.5", T0), FLAT, LATER);

        assertThat(late.order()).isNull();
        assertThat(late.decision().rule()).isEqualTo(RouterRules.LONG_ONLY);
        assertThat(late.decision().decidedAt()).isEqualTo(LATER);
    }

    @Test
    void aDecisionTimeEqualToTheBarTimeIsTheOrdinaryRoute() {
        Signal signal = buy("AAPL", "81.5", T0);

        RoutingResult result = new SignalRouter(config(), ACCOUNT).route(signal, FLAT, T0);

        assertThat(result).isEqualTo(new SignalRouter(config(), ACCOUNT).route(signal, FLAT));
    }

    @Test
    void theLateOrderCountsAsOpenAndTheSignalAsSeen() {
        SignalRouter router = new SignalRouter(config(), ACCOUNT);
        Signal signal = buy("AAPL", "81.5", T0);
        router.route(signal, FLAT, LATER);

        assertThat(router.state().openOrders()).extracting(RouterState.OpenOrder::orderId)
                .containsExactly(SignalRouter.orderId(ACCOUNT, signal.id()));
        assertThat(router.route(signal, FLAT, LATER).decision().rule()).isEqualTo(RouterRules.DUPLICATE);
    }

    @Test
    void aDecisionTimeBeforeTheBarTimeIsRefused() {
        SignalRouter router = new SignalRouter(config(), ACCOUNT);
        Signal signal = buy("AAPL", "81.5", LATER);

        assertThatThrownBy(() -> router.route(signal, FLAT, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the signal's bar time");
        // Refused before deciding anything: the signal is still new.
        assertThat(router.route(signal, FLAT).accepted()).isTrue();
    }
}
