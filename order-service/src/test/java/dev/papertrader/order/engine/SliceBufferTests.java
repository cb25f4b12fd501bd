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

    /**
     * Chaos trial of seed 4: slice T1's transaction failed while PostgreSQL restarted, its bar and watermark were
     * given back, and T2, complete in the buffer, was processed before they came back; they were then dead-lettered
     * as late and the pipeline stalled.
     */
    @Test
    void noLaterSliceIsNextWhileAGivenBackSliceHasNotComeBack() {
        buffer.addBar("b1", bar("AAPL", T1), "bar 1");
        buffer.addEnd("e1", end(T1, 1), "end 1");
        buffer.addBar("b2", bar("AAPL", T2), "bar 2");
        buffer.addEnd("e2", end(T2, 1), "end 2");
        assertThat(buffer.next()).contains(T1);

        assertThat(buffer.giveBack(T1)).containsExactly("bar 1", "end 1");
        assertThat(buffer.isComplete(T2)).isTrue();
        assertThat(buffer.next()).as("T2 waits for T1 to come back").isEmpty();

        buffer.addBar("b1", bar("AAPL", T1), "bar 1 again");
        buffer.addEnd("e1", end(T1, 1), "end 1 again");
        assertThat(buffer.next()).contains(T1);
        buffer.remove(T1);
        buffer.processedThrough(T1);
        assertThat(buffer.next()).contains(T2);
    }

    @Test
    void aGivenBackSliceFoundCommittedAfterAllNoLongerHoldsTheNextOneBack() {
        buffer.addEnd("e1", end(T1, 0), "end 1");
        buffer.addEnd("e2", end(T2, 0), "end 2");
        buffer.giveBack(T1);
        assertThat(buffer.next()).isEmpty();

        // The commit had reached the database before the connection dropped: the reloaded engine has processed T1,
        // and its redelivered messages are acknowledged as processed without coming to the buffer.
        buffer.processedThrough(T1);
        assertThat(buffer.next()).contains(T2);
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
