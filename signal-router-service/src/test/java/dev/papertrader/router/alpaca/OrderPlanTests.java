package dev.papertrader.router.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import dev.papertrader.core.router.SessionHours;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Alpaca order bodies to core orders, Alpaca decimals and the clock's session rule. */
class OrderPlanTests {

    private static final Instant T = Instant.parse("2030-01-02T15:00:00Z");

    private static Supplier<String> ids() {
        AtomicInteger next = new AtomicInteger();
        return () -> "id-" + next.incrementAndGet();
    }

    private static JsonNode body(String json) throws Exception {
        return JsonCodec.mapper().readTree(json);
    }

    @Test
    void aBracketIsAnEntryAndTwoOppositeLegsInOneOcoGroup() throws Exception {
        OrderPlan plan = OrderPlan.parse(body("{\"symbol\":\"aapl\",\"qty\":\"10\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"gtc\",\"order_class\":\"bracket\",\"take_profit\":{\"limit_price\":110},"
                + "\"stop_loss\":{\"stop_price\":\"95\"}}"), ids());
        List<Order> orders = plan.toOrders("acct", T);
        assertThat(plan.symbol()).isEqualTo("AAPL");
        assertThat(orders).extracting(Order::type).containsExactly(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP);
        assertThat(orders).extracting(Order::side).containsExactly(Side.BUY, Side.SELL, Side.SELL);
        Order entry = orders.get(0);
        assertThat(entry.parentId()).isNull();
        assertThat(entry.ocoGroup()).isNull();
        assertThat(orders.subList(1, 3)).allSatisfy(leg -> {
            assertThat(leg.parentId()).isEqualTo(entry.id());
            assertThat(leg.ocoGroup()).isNotNull().isEqualTo(orders.get(1).ocoGroup());
            assertThat(leg.qty()).isEqualByComparingTo("10");
            assertThat(leg.timeInForce()).isEqualTo(TimeInForce.GTC);
            assertThat(leg.createdAt()).isEqualTo(T);
        });
        assertThat(orders.get(1).limitPrice()).isEqualByComparingTo("110");
        assertThat(orders.get(2).stopPrice()).isEqualByComparingTo("95");
        assertThat(plan.toRows("acct", T)).extracting(AlpacaOrderRow::parentId)
                .containsExactly(null, entry.id(), entry.id());
    }

    @Test
    void anOcoIsTwoExitsOnTheRequestedSideWithoutParent() throws Exception {
        OrderPlan plan = OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":5,\"side\":\"sell\",\"type\":\"limit\","
                + "\"time_in_force\":\"gtc\",\"order_class\":\"oco\",\"take_profit\":{\"limit_price\":\"120\"},"
                + "\"stop_loss\":{\"stop_price\":\"90\",\"limit_price\":\"89\"}}"), ids());
        List<Order> orders = plan.toOrders("acct", T);
        assertThat(orders).extracting(Order::type).containsExactly(OrderType.LIMIT, OrderType.STOP_LIMIT);
        assertThat(orders).extracting(Order::side).containsExactly(Side.SELL, Side.SELL);
        assertThat(orders).extracting(Order::parentId).containsOnlyNulls();
        assertThat(orders.get(0).ocoGroup()).isEqualTo(orders.get(1).ocoGroup());
        assertThat(orders.get(1).limitPrice()).isEqualByComparingTo("89");
    }

    @Test
    void anOtoHasExactlyOneLeg() throws Exception {
        OrderPlan plan = OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"100\",\"time_in_force\":\"day\",\"order_class\":\"oto\","
                + "\"take_profit\":{\"limit_price\":\"110\"}}"), ids());
        assertThat(plan.toOrders("acct", T)).hasSize(2);
        assertThat(plan.toOrders("acct", T).get(1).ocoGroup()).isNull();
        assertThatThrownBy(() -> OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                + "\"type\":\"market\",\"time_in_force\":\"day\",\"order_class\":\"oto\"}"), ids()))
                .hasMessage("oto orders require exactly one of take_profit and stop_loss");
    }

    @Test
    void aTrailingStopNeedsExactlyOneTrail() throws Exception {
        OrderPlan plan = OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"sell\","
                + "\"type\":\"trailing_stop\",\"trail_price\":\"2.5\",\"time_in_force\":\"gtc\"}"), ids());
        Order order = plan.toOrders("acct", T).get(0);
        assertThat(order.trailPrice()).isEqualByComparingTo("2.5");
        assertThat(order.trailPercent()).isNull();
        assertThatThrownBy(() -> OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"sell\","
                + "\"type\":\"trailing_stop\",\"time_in_force\":\"gtc\"}"), ids()))
                .isInstanceOf(AlpacaException.class)
                .hasMessage("exactly one of trail_price and trail_percent is required for trailing_stop orders");
    }

    @Test
    void invalidFieldsAre422WithTheirName() {
        assertThatThrownBy(() -> OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"-1\",\"side\":\"buy\","
                + "\"type\":\"market\",\"time_in_force\":\"day\"}"), ids()))
                .isInstanceOfSatisfying(AlpacaException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo(AlpacaException.INVALID);
                })
                .hasMessage("qty must be positive");
        assertThatThrownBy(() -> OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"x\",\"side\":\"buy\","
                + "\"type\":\"market\",\"time_in_force\":\"day\"}"), ids())).hasMessage("invalid qty: x");
        assertThatThrownBy(() -> OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"hold\","
                + "\"type\":\"market\",\"time_in_force\":\"day\"}"), ids())).hasMessage("invalid side hold");
        assertThatThrownBy(() -> OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"notional\":\"100\",\"side\":\"buy\","
                + "\"type\":\"limit\",\"limit_price\":\"1\",\"time_in_force\":\"day\"}"), ids()))
                .hasMessage("notional is only supported for simple market orders");
        assertThatThrownBy(() -> OrderPlan.parse(body("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                + "\"type\":\"market\",\"time_in_force\":\"OPG\"}"), ids()))
                .hasMessage("time_in_force opg is not supported");
    }

    @Test
    void decimalsAreWrittenPlainWithoutTrailingZeros() {
        assertThat(AlpacaJson.decimal(new java.math.BigDecimal("10.000"))).isEqualTo("10");
        assertThat(AlpacaJson.decimal(new java.math.BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(AlpacaJson.decimal(new java.math.BigDecimal("101.50"))).isEqualTo("101.5");
        assertThat(AlpacaJson.decimal(null)).isNull();
        assertThat(AlpacaJson.assetClass("BTC/USD")).isEqualTo("crypto");
        assertThat(AlpacaJson.assetClass("AAPL")).isEqualTo("us_equity");
        assertThat(AlpacaJson.assetId("AAPL")).isEqualTo(AlpacaJson.assetId("AAPL")).isNotEqualTo(AlpacaJson.assetId("MSFT"));
    }

    @Test
    void theClockFollowsTheSession() {
        SessionHours us = SessionHours.usEquities();
        // Wednesday 2 January 2030, 10:00 in New York (EST, UTC−5): open; closes 16:00 EST = 21:00Z; opens Thursday 14:30Z
        assertThat(AlpacaService.nextClose(us, T)).isEqualTo(Instant.parse("2030-01-02T21:00:00Z"));
        assertThat(AlpacaService.nextOpen(us, T)).isEqualTo(Instant.parse("2030-01-03T14:30:00Z"));
        // Friday 4 January 2030 after the close: next open Monday 7 January 14:30Z
        Instant fridayEvening = Instant.parse("2030-01-04T22:00:00Z");
        assertThat(AlpacaService.nextOpen(us, fridayEvening)).isEqualTo(Instant.parse("2030-01-07T14:30:00Z"));
        assertThat(AlpacaService.nextClose(us, fridayEvening)).isEqualTo(Instant.parse("2030-01-07T21:00:00Z"));
    }
}
