package dev.papertrader.order.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.SliceEnd;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SliceBufferTests {

    static final Instant T1 = Instant.parse("2013-01-02T00:00:00Z");
    static final Instant T2 = Instant.parse("2013-01-03T00:00:00Z");

    private final SliceBuffer<String> buffer = new SliceBuffer<>();

    static Bar bar(String symbol, Instant time) {
        return new Bar(symbol, "1d", time, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE);
    }

    static SliceEnd end(Instant time, int count) {
        return SliceEnd.of("monitor", "market.bars", time, count);
    }

    @Test
    void aSliceIsCompleteWithItsWatermarkAndAsManyBarsAsItCounts() {
        buffer.addBar("AAPL|1d|" + T1, bar("AAPL", T1), "m1");
        assertThat(buffer.isComplete(T1)).isFalse();

        buffer.addEnd("end-1", end(T1, 2), "m3");
        assertThat(buffer.isComplete(T1)).as("one of two bars").isFalse();

        // The second bar comes back after the watermark, as a redelivery may.
        buffer.addBar("MSFT|1d|" + T1, bar("MSFT", T1), "m2");
        assertThat(buffer.isComplete(T1)).isTrue();
    }

    @Test
    void aWatermarkCountingNoBarsCompletesAnEmptySlice() {
        buffer.addEnd("end-1", end(T1, 0), "m1");
        assertThat(buffer.isComplete(T1)).isTrue();
        assertThat(buffer.bars(T1)).isEmpty();
    }

    @Test
    void theEarliestSliceComesFirstWhateverTheArrivalOrder() {
        buffer.addBar("b2", bar("AAPL", T2), "m2");
        buffer.addBar("b1", bar("AAPL", T1), "m1");
        assertThat(buffer.earliest()).contains(T1);
        assertThat(buffer.size()).isEqualTo(2);
    }

    @Test
    void aRedeliveredBarReplacesTheKeptOneAndHandsBackItsHandle() {
        assertThat(buffer.addBar("b1", bar("AAPL", T1), "first delivery")).isEmpty();
        assertThat(buffer.addBar("b1", bar("AAPL", T1), "second delivery")).contains("first delivery");
        assertThat(buffer.bars(T1)).extracting(SliceBuffer.Entry::handle).containsExactly("second delivery");
        assertThat(buffer.addEnd("e1", end(T1, 1), "end")).isEmpty();
        assertThat(buffer.addEnd("e1", end(T1, 1), "end again")).contains("end");
    }

    @Test
    void removingASliceReturnsItsBarsThenItsWatermark() {
        buffer.addBar("b1", bar("AAPL", T1), "m1");
        buffer.addEnd("e1", end(T1, 2), "m3");
        buffer.addBar("b2", bar("MSFT", T1), "m2");
        buffer.addBar("b3", bar("AAPL", T2), "m4");

        assertThat(buffer.remove(T1)).containsExactly("m1", "m2", "m3");
        assertThat(buffer.earliest()).contains(T2);
        assertThat(buffer.remove(T1)).isEmpty();
    }
}
