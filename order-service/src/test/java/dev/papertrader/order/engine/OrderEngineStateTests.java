package dev.papertrader.order.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine state without its bar lists (engine_state) and with the stored bars added back (bar_history). */
class OrderEngineStateTests {

    private static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");
    private static final ExecutionConfig THREE_BARS = new ExecutionConfig(1, null,
            ExecutionConfig.defaults().slippage(), ExecutionConfig.defaults().fees(),
            ExecutionConfig.defaults().sessionZone(), ExecutionConfig.defaults().notionalQuantityScale(), 3);

    private static Bar bar(String symbol, int minute, String price) {
        BigDecimal p = new BigDecimal(price);
        return new Bar(symbol, "1m", T0.plus(Duration.ofMinutes(minute)), p, p, p, p, BigDecimal.TEN);
    }

    /** An engine that saw five slices of two symbols (so two bars of each were evicted) and has one open order. */
    private static OrderEngine engineAfterFiveSlices() {
        OrderEngine engine = new OrderEngine(THREE_BARS);
        for (int minute = 0; minute < 5; minute++) {
            engine.processSlice(T0.plus(Duration.ofMinutes(minute)),
                    List.of(bar("AAA", minute, "10." + minute), bar("BBB", minute, "20." + minute)));
            engine.routerClosed(T0.plus(Duration.ofMinutes(minute)));
        }
        engine.submit(new Order("o1", null, "acc", "AAA", Side.BUY, dev.papertrader.core.model.OrderType.LIMIT,
                BigDecimal.ONE, null, new BigDecimal("1"), null, dev.papertrader.core.model.TimeInForce.GTC,
                T0.plus(Duration.ofMinutes(4))));
        return engine;
    }

    private static Map<String, List<Bar>> barsOf(OrderEngineState state) {
        Map<String, List<Bar>> bars = new LinkedHashMap<>();
        state.execution().bars().forEach(history -> bars.put(history.symbol(), new ArrayList<>(history.bars())));
        return bars;
    }

    @Test
    void withoutBarsKeepsTheEvictionMarksAndWithBarsRestoresTheWholeState() {
        OrderEngineState full = engineAfterFiveSlices().state();

        OrderEngineState stored = full.withoutBars();

        assertThat(stored.execution().bars()).allSatisfy(history -> assertThat(history.bars()).isEmpty());
        assertThat(stored.execution().bars()).extracting(h -> h.evictedThrough())
                .containsExactly(T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(1)));
        assertThat(stored.execution().orders()).isEqualTo(full.execution().orders());
        assertThat(JsonCodec.encode(stored)).doesNotContain("20.4");
        assertThat(stored.withBars(barsOf(full))).isEqualTo(full);
    }

    @Test
    void aStateWrittenBeforeTheBarHistoryTableKeepsItsBarsOnceWhenTheTableHasSomeOfThem() {
        OrderEngineState full = engineAfterFiveSlices().state();
        Map<String, List<Bar>> partial = new LinkedHashMap<>();
        partial.put("AAA", List.of(bar("AAA", 4, "10.4")));

        assertThat(full.withBars(partial)).isEqualTo(full);
    }

    @Test
    void anEngineRestoredFromTheSplitStateFillsALateOrderLikeTheOriginal() {
        OrderEngine original = engineAfterFiveSlices();
        OrderEngineState decoded = JsonCodec.decode(JsonCodec.encode(original.state().withoutBars()),
                OrderEngineState.class).withBars(barsOf(original.state()));
        OrderEngine restored = OrderEngine.restore(THREE_BARS, decoded);
        Order late = Order.market("late", null, "acc", "BBB", Side.BUY, BigDecimal.ONE,
                T0.plus(Duration.ofMinutes(2)));

        assertThat(restored.submit(late)).isEqualTo(original.submit(late));
        assertThat(restored.state()).isEqualTo(original.state());
    }
}
