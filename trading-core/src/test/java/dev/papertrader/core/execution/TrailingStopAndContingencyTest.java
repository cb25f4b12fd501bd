package dev.papertrader.core.execution;

import static dev.papertrader.core.execution.Fixtures.ACCOUNT;
import static dev.papertrader.core.execution.Fixtures.SYMBOL;
import static dev.papertrader.core.execution.Fixtures.bar;
import static dev.papertrader.core.execution.Fixtures.d;
import static dev.papertrader.core.execution.Fixtures.day;
import static dev.papertrader.core.execution.Fixtures.fills;
import static dev.papertrader.core.execution.Fixtures.kinds;
import static dev.papertrader.core.execution.Fixtures.limit;
import static dev.papertrader.core.execution.Fixtures.market;
import static dev.papertrader.core.execution.Fixtures.statuses;
import static dev.papertrader.core.execution.Fixtures.stop;
import static dev.papertrader.core.model.OrderStatus.CANCELED;
import static dev.papertrader.core.model.OrderStatus.FILLED;
import static dev.papertrader.core.model.OrderStatus.HELD;
import static dev.papertrader.core.model.OrderStatus.NEW;
import static dev.papertrader.core.model.OrderStatus.REJECTED;
import static dev.papertrader.core.model.OrderStatus.REPLACED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for trailing stops, contingent legs, OCO groups and replacement (issue 9). */
class TrailingStopAndContingencyTest {

    private static final ExecutionConfig DEFAULTS = ExecutionConfig.defaults();

    static Order trailing(String id, Side side, String qty, String trailPrice, String trailPercent, Instant createdAt) {
        return new Order(id, null, ACCOUNT, SYMBOL, side, OrderType.TRAILING_STOP, d(qty), null, null, null,
                TimeInForce.GTC, createdAt, trailPrice == null ? null : d(trailPrice),
                trailPercent == null ? null : d(trailPercent), null, null, null);
    }

    /** {@code order} with the contingency fields set. */
    static Order linked(Order order, String parentId, String ocoGroup, String replacesOrderId) {
        return new Order(order.id(), order.signalId(), order.accountId(), order.symbol(), order.side(), order.type(),
                order.qty(), order.notional(), order.limitPrice(), order.stopPrice(), order.timeInForce(),
                order.createdAt(), order.trailPrice(), order.trailPercent(), parentId, ocoGroup, replacesOrderId);
    }

    private static List<ExecutionEvent> run(List<Order> orders, Bar... bars) {
        ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
        List<ExecutionEvent> events = new ArrayList<>();
        orders.forEach(o -> events.addAll(simulator.submit(o)));
        for (Bar bar : bars) {
            events.addAll(simulator.onBar(bar));
        }
        return events;
    }

    private static List<ExecutionEvent> of(List<ExecutionEvent> events, String orderId) {
        return events.stream().filter(e -> e.orderId().equals(orderId)).toList();
    }

    private static OrderStatusEvent lastStatus(List<ExecutionEvent> events) {
        List<OrderStatusEvent> statuses = statuses(events);
        return statuses.get(statuses.size() - 1);
    }

    @Nested
    class TrailingStops {

        @Test
        void sellTrailsTheHighOfEarlierBarsAndFillsAtTheStop() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(trailing("t", Side.SELL, "10", "2", null, day(0)));

            // Day 1: hwm = open 100, stop 98; low 99 > 98 → rests; hwm = max(100, high 103) = 103.
            assertThat(simulator.onBar(bar(1, "100", "103", "99", "102"))).isEmpty();
            OrderView view = simulator.order("t").orElseThrow();
            assertThat(view.trailMark()).isEqualByComparingTo("103");
            assertThat(view.trailStop()).isEqualByComparingTo("101");

            // Day 2: stop = 103 − 2 = 101; open 102 > 101, low 100.5 ≤ 101 → fills at 101.
            List<ExecutionEvent> events = simulator.onBar(bar(2, "102", "102.5", "100.5", "101"));
            assertThat(kinds(events)).containsExactly("FILL 10@101", "FILLED");
            assertThat(fills(events).get(0).price()).isEqualTo(d("101.00000000"));
            assertThat(fills(events).get(0).filledAt()).isEqualTo(day(2));
        }

        @Test
        void theHighOfABarDoesNotRaiseTheStopOnThatBar() {
            // Day 1: stop 98, low 98.5 rests although the high 110 would give a stop of 108 above the low.
            List<ExecutionEvent> events = run(List.of(trailing("t", Side.SELL, "10", "2", null, day(0))),
                    bar(1, "100", "110", "98.5", "99"));
            assertThat(kinds(events)).containsExactly("NEW");
        }

        @Test
        void sellGapsBelowTheStopAndFillsAtTheOpen() {
            // Day 2: stop 101 (hwm 103); open 100 ≤ 101 → fills at the open, the worse price.
            List<ExecutionEvent> events = run(List.of(trailing("t", Side.SELL, "10", "2", null, day(0))),
                    bar(1, "100", "103", "99", "102"), bar(2, "100", "101", "99", "100"));
            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@100", "FILLED");
        }

        @Test
        void theOpenRaisesTheMarkBeforeTheBarsLow() {
            // Day 1: hwm 100 → 101. Day 2 opens at 105: hwm = 105 before the low, stop 103; low 102.5 → fills at 103.
            List<ExecutionEvent> events = run(List.of(trailing("t", Side.SELL, "10", "2", null, day(0))),
                    bar(1, "100", "101", "99.5", "100"), bar(2, "105", "105", "102.5", "103"));
            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@103", "FILLED");
        }

        @Test
        void percentTrailIsRoundedToEightDecimals() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(trailing("t", Side.SELL, "10", null, "1", day(0)));

            // Day 1: hwm 10, stop 9.9; low 9.95 rests; hwm = 10.123456789.
            assertThat(simulator.onBar(bar(1, "10", "10.123456789", "9.95", "10.1"))).isEmpty();
            // Day 2: stop = 10.123456789 × 0.99 = 10.02222222111 → 10.02222222; low 10.0 reaches it.
            assertThat(simulator.order("t").orElseThrow().trailStop()).isEqualTo(d("10.02222222"));
            Fill fill = fills(simulator.onBar(bar(2, "10.1", "10.1", "10.0", "10.0"))).get(0);
            assertThat(fill.price()).isEqualTo(d("10.02222222"));
        }

        @Test
        void percentTrailFillsAtTheStop() {
            // Day 1: hwm 100, stop 95; low 96 rests; hwm 110. Day 2: stop 110 × 0.95 = 104.5; low 104 → 104.5.
            List<ExecutionEvent> events = run(List.of(trailing("t", Side.SELL, "3", null, "5", day(0))),
                    bar(1, "100", "110", "96", "108"), bar(2, "108", "109", "104", "105"));
            assertThat(kinds(events)).containsExactly("NEW", "FILL 3@104.5", "FILLED");
        }

        @Test
        void buyTrailsTheLowAndFillsAtTheStop() {
            // Day 1: lwm 50, stop 51.5; high 51 rests; lwm = 48. Day 2: lwm min(48, open 48.5) = 48, stop 49.5;
            // high 49.6 ≥ 49.5 → fills at 49.5.
            List<ExecutionEvent> events = run(List.of(trailing("t", Side.BUY, "10", "1.5", null, day(0))),
                    bar(1, "50", "51", "48", "49"), bar(2, "48.5", "49.6", "48.2", "49"));
            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@49.5", "FILLED");
        }

        @Test
        void buyGapsAboveTheStopAndFillsAtTheOpen() {
            // Day 2: stop 49.5; open 49.8 ≥ 49.5 → fills at the open.
            List<ExecutionEvent> events = run(List.of(trailing("t", Side.BUY, "10", "1.5", null, day(0))),
                    bar(1, "50", "51", "48", "49"), bar(2, "49.8", "50", "49.7", "49.9"));
            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@49.8", "FILLED");
        }

        @Test
        void onceTriggeredTheRemainderIsAMarketOrder() {
            ExecutionConfig capped = DEFAULTS.withMaxVolumeShare(d("0.1"));
            ExecutionSimulator simulator = new ExecutionSimulator(capped);
            simulator.submit(trailing("t", Side.SELL, "10", "2", null, day(0)));
            // Day 1: stop 98, low 97 → 5 of 10 at 98 (cap 0.1 × 50). Day 2: the remainder at the open 90.
            List<ExecutionEvent> events = new ArrayList<>(
                    simulator.onBar(bar(day(1), "100", "100", "97", "97", "50")));
            events.addAll(simulator.onBar(bar(day(2), "90", "120", "90", "95", "1000")));
            assertThat(kinds(events)).containsExactly("FILL 5@98", "PARTIALLY_FILLED", "FILL 5@90", "FILLED");
        }

        @Test
        void theMarkSurvivesPersistAndRestore() {
            ExecutionSimulator first = new ExecutionSimulator(DEFAULTS);
            first.submit(trailing("t", Side.SELL, "10", "2", null, day(0)));
            first.onBar(bar(1, "100", "103", "99", "102"));

            ExecutionState decoded = JsonCodec.decode(JsonCodec.encode(first.state()), ExecutionState.class);
            assertThat(decoded.orders().get(0).trailMark()).isEqualByComparingTo("103");
            ExecutionSimulator resumed = ExecutionSimulator.restore(DEFAULTS, decoded);
            assertThat(kinds(resumed.onBar(bar(2, "102", "102.5", "100.5", "101"))))
                    .containsExactly("FILL 10@101", "FILLED");
        }

        @Test
        void aStateWrittenBeforeTrailingStopsAndLegsStillRestores() {
            ExecutionSimulator first = new ExecutionSimulator(DEFAULTS);
            first.submit(limit("l", Side.BUY, "10", "90", day(0)));
            first.onBar(bar(1, "100", "101", "95", "100"));
            String json = JsonCodec.encode(first.state());
            String old = json.replace(",\"trailMark\":null", "").replace(",\"releasedAt\":null", "");
            assertThat(old).doesNotContain("trailMark").doesNotContain("releasedAt");

            ExecutionSimulator resumed = ExecutionSimulator.restore(DEFAULTS, JsonCodec.decode(old, ExecutionState.class));
            assertThat(kinds(resumed.onBar(bar(2, "91", "92", "89", "90")))).containsExactly("FILL 10@90", "FILLED");
        }
    }

    @Nested
    class Brackets {

        private final Order parent = market("p", Side.BUY, "10", day(0));
        private final Order takeProfit = linked(limit("tp", Side.SELL, "10", "110", day(0)), "p", "b1", null);
        private final Order stopLoss = linked(stop("sl", Side.SELL, "10", "95", day(0)), "p", "b1", null);

        @Test
        void legsAreHeldUntilTheParentFillsThenTheTakeProfitCancelsTheStop() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            assertThat(statuses(simulator.submit(parent))).extracting(OrderStatusEvent::status).containsExactly(NEW);
            assertThat(statuses(simulator.submit(takeProfit))).extracting(OrderStatusEvent::status)
                    .containsExactly(HELD);
            assertThat(statuses(simulator.submit(stopLoss))).extracting(OrderStatusEvent::status)
                    .containsExactly(HELD);

            // Day 1: the parent fills at 100; the legs become NEW at day 1 and do not trade on day 1 (high 111).
            List<ExecutionEvent> day1 = simulator.onBar(bar(1, "100", "111", "94", "105"));
            assertThat(kinds(day1)).containsExactly("FILL 10@100", "FILLED", "NEW", "NEW");
            assertThat(statuses(day1)).allSatisfy(s -> assertThat(s.eventTime()).isEqualTo(day(1)));
            assertThat(statuses(day1).subList(1, 3)).extracting(OrderStatusEvent::orderId).containsExactly("tp", "sl");

            // Day 2: high 112 reaches the 110 limit (low 107 does not reach the stop): the stop leg is cancelled.
            List<ExecutionEvent> day2 = simulator.onBar(bar(2, "108", "112", "107", "111"));
            assertThat(kinds(day2)).containsExactly("FILL 10@110", "FILLED", "CANCELED");
            OrderStatusEvent cancelled = statuses(day2).get(1);
            assertThat(cancelled.orderId()).isEqualTo("sl");
            assertThat(cancelled.reason()).isEqualTo("oco: order tp filled");
            assertThat(cancelled.eventTime()).isEqualTo(day(2));
            assertThat(simulator.openOrders()).isEmpty();
        }

        @Test
        void whenBothLegsCanTradeOnOneBarTheStopWins() {
            // Day 2 reaches both the 110 limit (high 111) and the 95 stop (low 94): the sell at 95 is the worse
            // price, so the stop fills and cancels the take-profit, although the take-profit comes first by id.
            Order aTakeProfit = linked(limit("a-tp", Side.SELL, "10", "110", day(0)), "p", "b1", null);
            Order bStopLoss = linked(stop("b-sl", Side.SELL, "10", "95", day(0)), "p", "b1", null);
            List<ExecutionEvent> events = run(List.of(parent, aTakeProfit, bStopLoss),
                    bar(1, "100", "101", "99", "100"), bar(2, "100", "111", "94", "100"));

            assertThat(kinds(of(events, "b-sl"))).containsExactly("HELD", "NEW", "FILL 10@95", "FILLED");
            assertThat(kinds(of(events, "a-tp"))).containsExactly("HELD", "NEW", "CANCELED");
            assertThat(lastStatus(of(events, "a-tp")).reason()).isEqualTo("oco: order b-sl filled");
        }

        @Test
        void aBuyPairResolvesToTheHigherPrice() {
            Order buyLimit = linked(limit("a-lim", Side.BUY, "5", "95", day(0)), null, "g", null);
            Order buyStop = linked(stop("b-stop", Side.BUY, "5", "105", day(0)), null, "g", null);
            // Day 1 reaches both 95 (low 94) and 105 (high 106): the buy at 105 is worse, it wins.
            List<ExecutionEvent> events = run(List.of(buyLimit, buyStop), bar(1, "100", "106", "94", "100"));
            assertThat(kinds(events)).containsExactly("NEW", "NEW", "FILL 5@105", "FILLED", "CANCELED");
            assertThat(lastStatus(of(events, "a-lim")).reason()).isEqualTo("oco: order b-stop filled");
        }

        @Test
        void cancellingTheParentCancelsItsHeldLegs() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(limit("p", Side.BUY, "10", "90", day(0)));
            simulator.submit(takeProfit);
            simulator.submit(stopLoss);
            simulator.onBar(bar(1, "100", "101", "95", "100"));

            List<ExecutionEvent> events = simulator.cancel("p", day(1), null);
            assertThat(kinds(events)).containsExactly("CANCELED", "CANCELED", "CANCELED");
            assertThat(statuses(events)).extracting(OrderStatusEvent::orderId).containsExactly("p", "tp", "sl");
            assertThat(statuses(events).get(1).reason()).isEqualTo("parent order p CANCELED");
            assertThat(statuses(events)).allSatisfy(s -> assertThat(s.eventTime()).isEqualTo(day(1)));
            assertThat(simulator.openOrders()).isEmpty();
        }

        @Test
        void aLegOfAnUnknownParentIsRejected() {
            List<ExecutionEvent> events = run(List.of(takeProfit));
            assertThat(statuses(events)).extracting(OrderStatusEvent::status).containsExactly(REJECTED);
            assertThat(statuses(events).get(0).reason()).isEqualTo("unknown parent order p");
        }

        @Test
        void aLegArrivingAfterItsParentFilledGetsTheEventsItWouldHaveHadInTime() {
            Bar day1 = bar(1, "100", "101", "99", "100");
            Bar day2 = bar(2, "101", "111", "100", "105");
            List<ExecutionEvent> inTime = run(List.of(parent, takeProfit), day1, day2);

            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(parent);
            simulator.onBar(day1);
            simulator.onBar(day2);
            List<ExecutionEvent> late = simulator.submit(takeProfit);

            assertThat(kinds(late)).containsExactly("HELD", "NEW", "FILL 10@110", "FILLED");
            assertThat(statuses(late).get(1).eventTime()).isEqualTo(day(1));
            assertThat(late).isEqualTo(of(inTime, "tp"));
        }

        @Test
        void aLegArrivingAfterItsParentWasCancelledIsCancelled() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(limit("p", Side.BUY, "10", "90", day(0)));
            simulator.cancel("p", day(1), "changed my mind");
            List<ExecutionEvent> events = simulator.submit(takeProfit);
            assertThat(kinds(events)).containsExactly("HELD", "CANCELED");
            assertThat(lastStatus(events).reason()).isEqualTo("parent order p CANCELED");
            assertThat(lastStatus(events).eventTime()).isEqualTo(day(1));
        }

        @Test
        void aMemberSubmittedAfterItsSiblingFilledIsCancelled() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(linked(market("first", Side.BUY, "1", day(0)), null, "g", null));
            simulator.onBar(bar(1, "100", "101", "99", "100"));
            List<ExecutionEvent> events = simulator.submit(linked(limit("second", Side.BUY, "1", "90", day(0)),
                    null, "g", null));
            assertThat(kinds(events)).containsExactly("NEW", "CANCELED");
            assertThat(lastStatus(events).reason()).isEqualTo("oco: order first filled");
            assertThat(lastStatus(events).eventTime()).isEqualTo(day(1));
        }

        @Test
        void heldLegsAndTheirReleaseSurvivePersistAndRestore() {
            List<Bar> bars = List.of(bar(1, "100", "101", "99", "100"), bar(2, "108", "112", "107", "111"));
            List<ExecutionEvent> expected = run(List.of(parent, takeProfit, stopLoss), bars.toArray(Bar[]::new));

            ExecutionSimulator first = new ExecutionSimulator(DEFAULTS);
            List<ExecutionEvent> actual = new ArrayList<>();
            List.of(parent, takeProfit, stopLoss).forEach(o -> actual.addAll(first.submit(o)));
            ExecutionSimulator held = ExecutionSimulator.restore(DEFAULTS,
                    JsonCodec.decode(JsonCodec.encode(first.state()), ExecutionState.class));
            actual.addAll(held.onBar(bars.get(0)));
            ExecutionState released = JsonCodec.decode(JsonCodec.encode(held.state()), ExecutionState.class);
            assertThat(released.orders()).filteredOn(o -> o.order().id().equals("tp"))
                    .extracting(ExecutionState.OrderState::releasedAt).containsExactly(day(1));
            actual.addAll(ExecutionSimulator.restore(DEFAULTS, released).onBar(bars.get(1)));

            assertThat(actual).isEqualTo(expected);
        }
    }

    @Nested
    class Replacement {

        @Test
        void anOpenOrderIsReplacedAndTheNewOneKeepsItsOwnQuantity() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(limit("o", Side.BUY, "10", "90", day(0)));
            simulator.onBar(bar(1, "100", "101", "95", "100"));

            List<ExecutionEvent> events = simulator.submit(linked(limit("r", Side.BUY, "5", "96", day(1)),
                    null, null, "o"));
            assertThat(kinds(events)).containsExactly("REPLACED", "NEW");
            assertThat(statuses(events).get(0).orderId()).isEqualTo("o");
            assertThat(statuses(events).get(0).reason()).isEqualTo("replaced by r");
            assertThat(statuses(events).get(0).eventTime()).isEqualTo(day(1));

            // Day 2: low 95.5 reaches the new 96 limit; the old order no longer trades.
            assertThat(kinds(simulator.onBar(bar(2, "97", "98", "95.5", "97")))).containsExactly("FILL 5@96", "FILLED");
            assertThat(simulator.order("o").orElseThrow().status()).isEqualTo(REPLACED);
        }

        @Test
        void aFilledOrderCannotBeReplaced() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(market("o", Side.BUY, "10", day(0)));
            simulator.onBar(bar(1, "100", "101", "95", "100"));

            List<ExecutionEvent> events = simulator.submit(linked(limit("r", Side.BUY, "5", "96", day(1)),
                    null, null, "o"));
            assertThat(statuses(events)).extracting(OrderStatusEvent::status).containsExactly(REJECTED);
            assertThat(statuses(events).get(0).reason()).isEqualTo("order o is FILLED and cannot be replaced");
            assertThat(simulator.order("o").orElseThrow().status()).isEqualTo(FILLED);
        }

        @Test
        void anUnknownOrderCannotBeReplaced() {
            List<ExecutionEvent> events = run(List.of(linked(limit("r", Side.BUY, "5", "96", day(1)), null, null,
                    "zz")));
            assertThat(statuses(events).get(0).reason()).isEqualTo("unknown order zz");
        }

        @Test
        void replacingAParentCancelsItsHeldLegs() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(limit("p", Side.BUY, "10", "90", day(0)));
            simulator.submit(linked(stop("sl", Side.SELL, "10", "85", day(0)), "p", null, null));
            List<ExecutionEvent> events = simulator.submit(linked(limit("r", Side.BUY, "10", "91", day(0)),
                    null, null, "p"));
            assertThat(kinds(events)).containsExactly("REPLACED", "CANCELED", "NEW");
            assertThat(statuses(events).get(1).reason()).isEqualTo("parent order p REPLACED");
            assertThat(simulator.order("sl").orElseThrow().status()).isEqualTo(CANCELED);
        }
    }
}
