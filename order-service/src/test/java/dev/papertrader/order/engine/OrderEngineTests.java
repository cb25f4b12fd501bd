package dev.papertrader.order.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEngineTests {

    static final Instant T1 = Instant.parse("2013-01-02T00:00:00Z");
    static final Instant T2 = Instant.parse("2013-01-03T00:00:00Z");
    static final Instant T3 = Instant.parse("2013-01-04T00:00:00Z");

    private final OrderEngine engine = new OrderEngine(ExecutionConfig.defaults());

    static Bar bar(String symbol, Instant time, String open) {
        BigDecimal price = new BigDecimal(open);
        return new Bar(symbol, "1d", time, price, price.add(BigDecimal.ONE), price.subtract(BigDecimal.ONE), price,
                new BigDecimal("1000000"));
    }

    static Order buy(String id, String symbol, String qty, Instant createdAt) {
        return Order.market(id, null, "acc-1", symbol, Side.BUY, new BigDecimal(qty), createdAt);
    }

    @Test
    void theFirstSliceNeedsNoRouterWatermark() {
        assertThat(engine.mayProcess(T1)).isTrue();
        assertThat(engine.lastSlice()).isEmpty();
    }

    @Test
    void aSliceWaitsUntilTheRouterHasClosedThePreviousOne() {
        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));

        assertThat(engine.mayProcess(T2)).isFalse();
        engine.routerClosed(T1);
        assertThat(engine.mayProcess(T2)).isTrue();
        // An older watermark never moves it back.
        engine.routerClosed(Instant.parse("2012-12-31T00:00:00Z"));
        assertThat(engine.routerClosedThrough()).contains(T1);
        // A processed slice is never processed again.
        assertThat(engine.isPast(T1)).isTrue();
        assertThat(engine.mayProcess(T1)).isFalse();
    }

    @Test
    void aSliceWhoseNamedPreviousSliceIsNotProcessedWaitsForIt() {
        assertThat(engine.follows(T1)).as("nothing processed yet").isTrue();
        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));
        Instant t3 = T2.plus(java.time.Duration.ofDays(1));

        assertThat(engine.follows(T2)).as("T3 names T2, which has not been processed").isFalse();
        assertThat(engine.follows(T1)).isTrue();
        assertThat(engine.follows(null)).as("a watermark that names no previous slice").isTrue();
        engine.routerClosed(T1);
        engine.processSlice(T2, List.of(bar("AAPL", T2, "101")));
        assertThat(engine.follows(T2)).isTrue();
        assertThat(engine.mayProcess(t3)).isFalse();
    }

    @Test
    void processingASliceItMayNotProcessFails() {
        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));

        assertThatThrownBy(() -> engine.processSlice(T2, List.of(bar("AAPL", T2, "101"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slice 2013-01-03T00:00:00Z may not be processed");
        engine.routerClosed(T1);
        assertThatThrownBy(() -> engine.processSlice(T2, List.of(bar("AAPL", T3, "101"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bar AAPL|1d|2013-01-04T00:00:00Z is not in slice 2013-01-03T00:00:00Z");
    }

    @Test
    void anOrderForASymbolWithoutMarketDataIsRejectedAndItsIdIsTaken() {
        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));

        List<ExecutionEvent> rejected = engine.submit(buy("o-ghost", "ZZZZ", "10", T1));

        assertThat(rejected).singleElement().isInstanceOfSatisfying(OrderStatusEvent.class, event -> {
            assertThat(event.status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(event.reason()).isEqualTo("unknown symbol ZZZZ: no market data has been received for it");
            assertThat(event.eventTime()).isEqualTo(T1);
        });
        assertThat(engine.order("o-ghost")).hasValueSatisfying(view -> assertThat(view.status())
                .isEqualTo(OrderStatus.REJECTED));
        // Nothing of it survives into later slices, and a restored engine remembers the rejection.
        engine.routerClosed(T1);
        assertThat(engine.processSlice(T2, List.of(bar("ZZZZ", T2, "5"), bar("AAPL", T2, "101")))).isEmpty();
        OrderEngine restored = OrderEngine.restore(ExecutionConfig.defaults(),
                JsonCodec.decode(JsonCodec.encode(engine.state()), OrderEngineState.class));
        assertThat(restored.order("o-ghost")).hasValueSatisfying(view -> assertThat(view.status())
                .isEqualTo(OrderStatus.REJECTED));
        // Once the symbol has a bar, its orders are accepted.
        assertThat(restored.submit(buy("o-real", "ZZZZ", "10", T2))).singleElement()
                .isInstanceOfSatisfying(OrderStatusEvent.class, event -> assertThat(event.status())
                        .isEqualTo(OrderStatus.NEW));
    }

    @Test
    void aMarketOrderFillsAtTheOpenOfTheNextSlice() {
        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));
        List<ExecutionEvent> submitted = engine.submit(buy("o-1", "AAPL", "10", T1));
        engine.routerClosed(T1);

        List<ExecutionEvent> filled = engine.processSlice(T2, List.of(bar("AAPL", T2, "101.25")));

        assertThat(submitted).singleElement().isInstanceOfSatisfying(OrderStatusEvent.class,
                e -> assertThat(e.status()).isEqualTo(OrderStatus.NEW));
        assertThat(filled).hasSize(2);
        Fill fill = (Fill) filled.get(0);
        assertThat(fill.qty()).isEqualByComparingTo("10");
        assertThat(fill.price()).isEqualByComparingTo("101.25");
        assertThat(fill.filledAt()).isEqualTo(T2);
        assertThat(((OrderStatusEvent) filled.get(1)).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aLateOrderGetsTheEventsItWouldHaveHadInTime() {
        OrderEngine inTime = new OrderEngine(ExecutionConfig.defaults());
        inTime.processSlice(T1, List.of(bar("AAPL", T1, "100")));
        List<ExecutionEvent> expected = new java.util.ArrayList<>(inTime.submit(buy("o-1", "AAPL", "10", T1)));
        inTime.routerClosed(T1);
        expected.addAll(inTime.processSlice(T2, List.of(bar("AAPL", T2, "101"))));

        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));
        engine.routerClosed(T1);
        engine.processSlice(T2, List.of(bar("AAPL", T2, "101")));
        List<ExecutionEvent> late = engine.submit(buy("o-1", "AAPL", "10", T1));

        assertThat(late).isEqualTo(expected);
        assertThat(((Fill) late.get(1)).price()).isEqualByComparingTo("101");
    }

    @Test
    void barsGoThroughTheExchangeInSymbolOrder() {
        engine.processSlice(T1, List.of(bar("MSFT", T1, "30"), bar("AAPL", T1, "100")));
        engine.submit(buy("o-msft", "MSFT", "5", T1));
        engine.submit(buy("o-aapl", "AAPL", "5", T1));
        engine.routerClosed(T1);

        List<ExecutionEvent> events = engine.processSlice(T2, List.of(bar("MSFT", T2, "31"), bar("AAPL", T2, "101")));

        assertThat(events).extracting(ExecutionEvent::symbol).containsExactly("AAPL", "AAPL", "MSFT", "MSFT");
    }

    @Test
    void aCancelTakesEffectAtTheLastProcessedSlice() {
        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));
        engine.submit(new Order("o-1", null, "acc-1", "AAPL", Side.BUY, dev.papertrader.core.model.OrderType.LIMIT,
                new BigDecimal("10"), null, new BigDecimal("50"), null, dev.papertrader.core.model.TimeInForce.GTC, T1));
        engine.routerClosed(T1);
        engine.processSlice(T2, List.of(bar("AAPL", T2, "101")));

        List<ExecutionEvent> cancelled = engine.cancel("o-1", "cancelled on request");

        assertThat(cancelled).singleElement().isInstanceOfSatisfying(OrderStatusEvent.class, e -> {
            assertThat(e.status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(e.eventTime()).isEqualTo(T2);
            assertThat(e.reason()).isEqualTo("cancelled on request");
        });
        assertThat(engine.cancel("unknown", "x")).isEmpty();
    }

    @Test
    void submittingAnIdTwiceFails() {
        engine.submit(buy("o-1", "AAPL", "10", T1));
        assertThatThrownBy(() -> engine.submit(buy("o-1", "AAPL", "20", T1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("order o-1 was already submitted");
    }

    @Test
    void aRestoredEngineContinuesExactlyWhereTheSavedOneStopped() {
        engine.processSlice(T1, List.of(bar("AAPL", T1, "100")));
        engine.submit(buy("o-1", "AAPL", "10", T1));
        engine.routerClosed(T1);
        String saved = JsonCodec.encode(engine.state());

        OrderEngine restored = OrderEngine.restore(ExecutionConfig.defaults(), JsonCodec.decode(saved, OrderEngineState.class));

        assertThat(restored.lastSlice()).contains(T1);
        assertThat(restored.routerClosedThrough()).contains(T1);
        assertThat(restored.mayProcess(T2)).isTrue();
        assertThat(restored.processSlice(T2, List.of(bar("AAPL", T2, "101"))))
                .isEqualTo(engine.processSlice(T2, List.of(bar("AAPL", T2, "101"))));
    }
}
