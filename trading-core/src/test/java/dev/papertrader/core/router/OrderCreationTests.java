package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.STRATEGY;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.buy;
import static dev.papertrader.core.router.Fixtures.config;
import static dev.papertrader.core.router.Fixtures.dec;
import static dev.papertrader.core.router.Fixtures.flat;
import static dev.papertrader.core.router.Fixtures.position;
import static dev.papertrader.core.router.Fixtures.sell;
import static dev.papertrader.core.router.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The orders and decisions the router writes: ids, times, types, limit prices. */
class OrderCreationTests {

    private static final PortfolioSnapshot FLAT = flat("10000");

    private static String nameUuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void anAcceptedSignalBecomesAMarketGtcOrderAtItsBarTime() {
        Signal signal = buy("AAPL", "81.5", T0);

        RoutingResult result = new SignalRouter(config(), ACCOUNT).route(signal, FLAT);

        assertThat(result.order()).isEqualTo(new Order(nameUuid("order|acct-1|" + signal.id()), signal.id(), ACCOUNT,
                "AAPL", Side.BUY, OrderType.MARKET, new BigDecimal("12"), null, null, null, TimeInForce.GTC, T0));
        assertThat(result.decision()).isEqualTo(new Decision(nameUuid("decision|acct-1|" + signal.id()), signal.id(),
                ACCOUNT, STRATEGY, "AAPL", SignalType.BUY, true, RouterRules.ACCEPTED,
                "percent-of-equity 10% of equity 10000 at 81.5 -> 12 AAPL", result.order().id(), new BigDecimal("12"),
                null, T0));
    }

    @Test
    void aRejectedSignalHasADecisionWithoutOrder() {
        Signal signal = sell("AAPL", "81.5", T0);

        RoutingResult result = new SignalRouter(config(), ACCOUNT).route(signal, FLAT);

        assertThat(result.order()).isNull();
        assertThat(result.decision()).isEqualTo(new Decision(nameUuid("decision|acct-1|" + signal.id()), signal.id(),
                ACCOUNT, STRATEGY, "AAPL", SignalType.SELL, false, RouterRules.LONG_ONLY,
                "SELL while flat in AAPL would open a short; the router is long-only", null, null, null, T0));
    }

    @Test
    void idsDependOnTheAccountSoTwoAccountsDoNotCollide() {
        Signal signal = buy("AAPL", "81.5", T0);

        Order first = new SignalRouter(config(), "acct-1").route(signal, FLAT).order();
        Order second = new SignalRouter(config(), "acct-2").route(signal,
                new PortfolioSnapshot("acct-2", dec("10000"), dec("10000"), dec("10000"), dec("10000"), List.of(), T0))
                .order();

        assertThat(first.id()).isNotEqualTo(second.id());
    }

    @Test
    void aLimitBuyIsPricedBelowTheSignalPrice() {
        // 25 bps below 80: 80 × 0.9975 = 79.8
        Order order = new SignalRouter(config().withLimitOrders(dec("25")).withTimeInForce(TimeInForce.DAY), ACCOUNT)
                .route(buy("AAPL", "80", T0), FLAT).order();

        assertThat(order.type()).isEqualTo(OrderType.LIMIT);
        assertThat(order.limitPrice()).isEqualByComparingTo("79.8");
        assertThat(order.stopPrice()).isNull();
        assertThat(order.timeInForce()).isEqualTo(TimeInForce.DAY);
    }

    @Test
    void aLimitSellIsPricedAboveTheSignalPrice() {
        // 25 bps above 80: 80 × 1.0025 = 80.2
        Order order = new SignalRouter(config().withLimitOrders(dec("25")), ACCOUNT)
                .route(sell("AAPL", "80", T0), snapshot("0", "960", "960", "960", position("AAPL", "12", "80")))
                .order();

        assertThat(order.side()).isEqualTo(Side.SELL);
        assertThat(order.limitPrice()).isEqualByComparingTo("80.2");
    }

    @Test
    void aZeroOffsetLimitIsTheSignalPrice() {
        Order order = new SignalRouter(config().withOrderType(OrderType.LIMIT), ACCOUNT)
                .route(buy("AAPL", "81.37", T0), FLAT).order();

        assertThat(order.limitPrice()).isEqualByComparingTo("81.37");
    }

    @Test
    void wallClockEmissionTimeDoesNotMatter() {
        Signal early = buy("AAPL", "81.5", T0);
        Signal late = new Signal(early.id(), early.strategy(), early.symbol(), early.type(), early.strength(),
                early.barTime(), early.price(), early.emittedAt().plusSeconds(86_400), early.atr());

        assertThat(new SignalRouter(config(), ACCOUNT).route(late, FLAT))
                .isEqualTo(new SignalRouter(config(), ACCOUNT).route(early, FLAT));
    }

    @Test
    void aSnapshotOfAnotherAccountIsAProgrammingError() {
        PortfolioSnapshot other = new PortfolioSnapshot("acct-2", dec("1"), dec("1"), dec("1"), dec("1"), List.of(),
                T0);

        assertThatThrownBy(() -> new SignalRouter(config(), ACCOUNT).route(buy("AAPL", "1", T0), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acct-2");
    }
}
