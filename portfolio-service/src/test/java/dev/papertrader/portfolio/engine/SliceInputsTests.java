package dev.papertrader.portfolio.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SliceEnd;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The watermark rules of {@link SliceInputs}; handles are plain strings naming the message. */
class SliceInputsTests {

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    private final SliceInputs<String> inputs = new SliceInputs<>();

    private static Instant t(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    private static Bar bar(String symbol, int slice) {
        return new Bar(symbol, "1d", t(slice), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE);
    }

    private static Fill fill(String id, int slice) {
        return new Fill(id, "o", "acc", "AAA", Side.BUY, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ZERO, t(slice));
    }

    private static OrderStatusEvent status(String id, int slice) {
        return new OrderStatusEvent(id, "o", "acc", "AAA", OrderStatus.NEW, BigDecimal.ZERO, null, null, t(slice));
    }

    private void addBar(String symbol, int slice) {
        Bar bar = bar(symbol, slice);
        inputs.addBar(bar.id(), bar, "bar " + symbol + "@" + slice);
    }

    private void monitorEnd(int slice, int count) {
        SliceEnd end = SliceEnd.of("monitor", "market.bars", t(slice), count);
        inputs.addMonitorEnd(end.id(), end, "monitor end @" + slice);
    }

    private void ordersEnd(int slice, int count) {
        SliceEnd end = SliceEnd.of("orders", "trading.fills", t(slice), count);
        inputs.addOrdersEnd(end.id(), end, "orders end @" + slice);
    }

    @Test
    void aSliceIsReadyOnlyOnceBothStagesHaveClosedIt() {
        addBar("AAA", 1);
        inputs.addExecution("f1", fill("f1", 1), "f1");
        assertThat(inputs.next()).isEmpty();

        monitorEnd(1, 1);
        assertThat(inputs.next()).contains(t(1));
        assertThat(inputs.ready()).as("the order service has not closed slice 1").isEmpty();

        ordersEnd(1, 1);
        assertThat(inputs.ready()).contains(t(1));
    }

    @Test
    void theOrderServiceMayCloseFirst() {
        inputs.addExecution("f1", fill("f1", 1), "f1");
        ordersEnd(1, 1);
        assertThat(inputs.ready()).isEmpty();

        addBar("AAA", 1);
        monitorEnd(1, 1);
        assertThat(inputs.ready()).contains(t(1));
    }

    @Test
    void aSliceWaitsForAsManyMessagesAsItsWatermarksCount() {
        addBar("AAA", 1);
        monitorEnd(1, 2);
        ordersEnd(1, 1);
        assertThat(inputs.ready()).as("one bar of two, no fill of one").isEmpty();

        addBar("BBB", 1);
        assertThat(inputs.ready()).as("no fill of one").isEmpty();

        inputs.addExecution("f2", fill("f2", 2), "f2");
        assertThat(inputs.ready()).as("a fill of the next slice does not count").isEmpty();

        inputs.addExecution("f1", fill("f1", 1), "f1");
        assertThat(inputs.ready()).contains(t(1));
    }

    @Test
    void lateMessagesThatTheSliceTakesCountForIt() {
        addBar("AAA", 0);
        inputs.addExecution("s0", status("s0", 0), "s0");
        monitorEnd(1, 1);
        ordersEnd(1, 1);

        assertThat(inputs.ready()).contains(t(1));
        assertThat(inputs.take(t(1)).handles()).containsExactly("bar AAA@0", "s0", "monitor end @1", "orders end @1");
    }

    @Test
    void takingASliceReturnsItsBarsAndTheExecutionsUpToItInArrivalOrderAndKeepsLaterOnes() {
        addBar("BBB", 1);
        addBar("AAA", 1);
        addBar("AAA", 2);
        inputs.addExecution("late", fill("late", 0), "late");
        inputs.addExecution("f1", fill("f1", 1), "f1");
        inputs.addExecution("s1", status("s1", 1), "s1");
        inputs.addExecution("f2", fill("f2", 2), "f2");
        inputs.addExecution("f1b", fill("f1b", 1), "f1b");
        monitorEnd(1, 2);
        ordersEnd(1, 3);

        SliceInputs.Slice<String> slice = inputs.take(t(1));

        assertThat(slice.time()).isEqualTo(t(1));
        assertThat(slice.barValues()).extracting(Bar::symbol).containsExactly("BBB", "AAA");
        assertThat(slice.executions()).extracting(SliceInputs.Entry::id).containsExactly("late", "f1", "s1", "f1b");
        assertThat(slice.fills()).extracting(Fill::id).containsExactly("late", "f1", "f1b");
        assertThat(slice.handles()).containsExactly("bar BBB@1", "bar AAA@1", "late", "f1", "s1", "f1b",
                "monitor end @1", "orders end @1");
        // slice 2's bar and fill stay
        assertThat(inputs.size()).isEqualTo(2);
        assertThat(inputs.next()).isEmpty();
    }

    @Test
    void barsOfEarlierSlicesThatNeverGotAWatermarkGoWithTheNextSliceInTimeOrder() {
        addBar("AAA", 2);
        addBar("AAA", 1);
        monitorEnd(2, 1);
        ordersEnd(2, 0);

        assertThat(inputs.take(t(2)).bars()).extracting(e -> e.value().openTime()).containsExactly(t(1), t(2));
        assertThat(inputs.size()).isZero();
    }

    @Test
    void aRedeliveryReplacesTheHeldMessageInPlaceAndHandsBackItsHandle() {
        inputs.addExecution("f1", fill("f1", 1), "first f1");
        inputs.addExecution("f2", fill("f2", 1), "f2");
        assertThat(inputs.addExecution("f1", fill("f1", 1), "second f1")).contains("first f1");
        Bar bar = bar("AAA", 1);
        inputs.addBar(bar.id(), bar, "first bar");
        assertThat(inputs.addBar(bar.id(), bar, "second bar")).contains("first bar");
        SliceEnd end = SliceEnd.of("monitor", "market.bars", t(1), 1);
        inputs.addMonitorEnd(end.id(), end, "first end");
        assertThat(inputs.addMonitorEnd(end.id(), end, "second end")).contains("first end");
        ordersEnd(1, 2);

        SliceInputs.Slice<String> slice = inputs.take(t(1));

        assertThat(slice.handles()).containsExactly("second bar", "second f1", "f2", "second end", "orders end @1");
    }

    @Test
    void theEarliestClosedSliceComesFirstAndBlocksLaterOnes() {
        monitorEnd(1, 0);
        monitorEnd(2, 0);
        ordersEnd(2, 0);

        assertThat(inputs.next()).contains(t(1));
        assertThat(inputs.ready()).as("slice 2 waits for slice 1").isEmpty();
        assertThatThrownBy(() -> inputs.take(t(1))).isInstanceOf(IllegalStateException.class);

        ordersEnd(1, 0);
        assertThat(inputs.ready()).contains(t(1));
        inputs.take(t(1));
        assertThat(inputs.ready()).contains(t(2));
    }
}
