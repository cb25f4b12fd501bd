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

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What BUY and SELL mean given the position, and the pending-order rule. */
class SignalRouterDirectionTests {

    private static final PortfolioSnapshot FLAT = flat("10000");
    private static final PortfolioSnapshot LONG_12_AAPL = snapshot("9022", "10000", "10000", "10000",
            position("AAPL", "12", "81.5"));
    private static final PortfolioSnapshot SHORT_5_AAPL = snapshot("10407.5", "10000", "10000", "10000",
            position("AAPL", "-5", "81.5"));

    @Nested
    class WhenFlat {

        @Test
        void buyOpensALong() {
            RoutingResult result = new SignalRouter(config(), ACCOUNT).route(buy("AAPL", "81.5", T0), FLAT);

            assertThat(result.order().side()).isEqualTo(Side.BUY);
            assertThat(result.order().qty()).isEqualByComparingTo("12");
        }

        @Test
        void sellIsRejectedWhenLongOnly() {
            Decision decision = new SignalRouter(config().withLongOnly(true), ACCOUNT)
                    .route(sell("AAPL", "81.5", T0), FLAT).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.LONG_ONLY);
            assertThat(decision.reason()).isEqualTo("SELL while flat in AAPL would open a short; the router is long-only");
        }

        @Test
        void sellOpensAShortOtherwiseSizedLikeALong() {
            // 10 % of 10000 at 81.5 = 12.27 -> 12, sold short
            RoutingResult result = new SignalRouter(config().withLongOnly(false), ACCOUNT)
                    .route(sell("AAPL", "81.5", T0), FLAT);

            assertThat(result.order().side()).isEqualTo(Side.SELL);
            assertThat(result.order().qty()).isEqualByComparingTo("12");
            assertThat(result.decision().reason()).isEqualTo("percent-of-equity 10% of equity 10000 at 81.5 -> 12 AAPL");
        }
    }

    @Nested
    class WhenLong {

        @Test
        void sellClosesTheWholePosition() {
            RoutingResult result = new SignalRouter(config(), ACCOUNT).route(sell("AAPL", "82", T0), LONG_12_AAPL);

            assertThat(result.order().side()).isEqualTo(Side.SELL);
            assertThat(result.order().qty()).isEqualByComparingTo("12");
            assertThat(result.decision().reason()).isEqualTo("close long: sell the whole position of 12 AAPL");
        }

        @Test
        void aFractionalPositionIsClosedExactly() {
            PortfolioSnapshot fractional = snapshot("0", "1000", "1000", "1000", position("BTCUSD", "0.01234567", "81000"));

            Order order = new SignalRouter(config(), ACCOUNT).route(sell("BTCUSD", "81000", T0), fractional).order();

            assertThat(order.qty()).isEqualTo(new BigDecimal("0.01234567"));
        }

        @Test
        void buyIsRejectedAsNoPyramiding() {
            Decision decision = new SignalRouter(config(), ACCOUNT).route(buy("AAPL", "82", T0), LONG_12_AAPL)
                    .decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.ALREADY_LONG);
            assertThat(decision.reason()).isEqualTo("already long 12 AAPL; no pyramiding");
        }
    }

    @Nested
    class WhenShort {

        @Test
        void buyCoversTheWholeShort() {
            RoutingResult result = new SignalRouter(config(), ACCOUNT).route(buy("AAPL", "80", T0), SHORT_5_AAPL);

            assertThat(result.order().side()).isEqualTo(Side.BUY);
            assertThat(result.order().qty()).isEqualByComparingTo("5");
            assertThat(result.decision().reason()).isEqualTo("cover short: buy back the whole position of 5 AAPL");
        }

        @Test
        void sellIsRejectedAsNoPyramiding() {
            Decision decision = new SignalRouter(config().withLongOnly(false), ACCOUNT)
                    .route(sell("AAPL", "80", T0), SHORT_5_AAPL).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.ALREADY_SHORT);
            assertThat(decision.reason()).isEqualTo("already short 5 AAPL; no pyramiding");
        }
    }

    @Nested
    class PendingOrder {

        private final SignalRouter router = new SignalRouter(config(), ACCOUNT);
        private final Signal entry = buy("AAPL", "81.5", T0);
        private final String entryOrderId = SignalRouter.orderId(ACCOUNT, entry.id());

        private Decision nextBuy(Duration after) {
            return router.route(buy("AAPL", "81.5", at(after)), FLAT).decision();
        }

        @Test
        void anotherOpeningWhileTheOrderIsOpenIsRejected() {
            router.route(entry, FLAT);

            Decision decision = nextBuy(Duration.ofDays(1));

            assertThat(decision.rule()).isEqualTo(RouterRules.PENDING_ORDER);
            assertThat(decision.reason()).isEqualTo("order " + entryOrderId + " (BUY AAPL) is still open");
        }

        @Test
        void anExitWhileAnOrderIsOpenIsRejectedToo() {
            router.route(entry, FLAT);

            Decision exit = router.route(sell("AAPL", "82", at(Duration.ofDays(1))), LONG_12_AAPL).decision();

            assertThat(exit.rule()).isEqualTo(RouterRules.PENDING_ORDER);
        }

        @Test
        void fillsAndNonFinalStatusesKeepTheOrderOpen() {
            router.route(entry, FLAT);
            router.onExecution(new Fill("fill-1", entryOrderId, ACCOUNT, "AAPL", Side.BUY, dec("5"), dec("81.6"),
                    BigDecimal.ZERO, at(Duration.ofDays(1))));
            router.onExecution(new OrderStatusEvent("st-1", entryOrderId, ACCOUNT, "AAPL",
                    OrderStatus.PARTIALLY_FILLED, dec("5"), dec("81.6"), null, at(Duration.ofDays(1))));

            assertThat(nextBuy(Duration.ofDays(1)).rule()).isEqualTo(RouterRules.PENDING_ORDER);
            assertThat(router.state().openOrders()).hasSize(1);
        }

        @Test
        void eachFinalStatusEndsTheOrder() {
            int day = 0;
            for (OrderStatus finalStatus : new OrderStatus[] {OrderStatus.FILLED, OrderStatus.CANCELED,
                    OrderStatus.EXPIRED, OrderStatus.REJECTED}) {
                Signal signal = buy("AAPL", "81.5", at(Duration.ofDays(day++)));
                assertThat(router.route(signal, FLAT).accepted()).isTrue();
                router.onExecution(status(SignalRouter.orderId(ACCOUNT, signal.id()), "AAPL", finalStatus));
                assertThat(router.state().openOrders()).as("after %s", finalStatus).isEmpty();
            }
        }

        @Test
        void eventsOfAnotherAccountAreIgnored() {
            router.route(entry, FLAT);
            router.onExecution(new OrderStatusEvent("st-x", entryOrderId, "acct-2", "AAPL", OrderStatus.FILLED,
                    dec("12"), dec("81.5"), null, T0));

            assertThat(nextBuy(Duration.ofDays(1)).rule()).isEqualTo(RouterRules.PENDING_ORDER);
        }

        @Test
        void anotherSymbolIsNotBlocked() {
            router.route(entry, FLAT);

            assertThat(router.route(buy("MSFT", "300", T0), FLAT).accepted()).isTrue();
        }
    }
}
