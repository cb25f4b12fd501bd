package dev.papertrader.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.Bar;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingBarsTests {

    private static final Instant T1 = Instant.parse("2024-01-01T00:01:00Z");
    private static final Instant T2 = Instant.parse("2024-01-01T00:02:00Z");

    private final PendingBars<String> bars = new PendingBars<>();

    private static Bar bar(String symbol, Instant time) {
        return new Bar(symbol, "1m", time, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN);
    }

    @Test
    void aSliceEndTakesTheBarsOfItsSliceAndEarlierOnesInArrivalOrderAndLeavesLaterOnes() {
        bars.add("b@2", bar("B", T2), "delivery b@2");
        bars.add("a@1", bar("A", T1), "delivery a@1");
        bars.add("c@1", bar("C", T1), "delivery c@1");

        assertThat(bars.takeThrough(T1)).extracting(PendingBars.Entry::handle)
                .containsExactly("delivery a@1", "delivery c@1");
        assertThat(bars.size()).isEqualTo(1);
        assertThat(bars.takeThrough(T2)).extracting(PendingBars.Entry::id).containsExactly("b@2");
    }

    @Test
    void theSameBarDeliveredAgainReplacesTheHeldDelivery() {
        assertThat(bars.add("a@1", bar("A", T1), "first")).isEmpty();

        assertThat(bars.add("a@1", bar("A", T1), "second")).contains("first");
        assertThat(bars.takeThrough(T1)).extracting(PendingBars.Entry::handle).containsExactly("second");
    }

    @Test
    void aSliceIsClosedOnceItOrALaterOneIsCommitted() {
        assertThat(bars.isClosed(T1)).isFalse();

        bars.closed(T2);
        bars.closed(T1);

        assertThat(bars.isClosed(T1)).isTrue();
        assertThat(bars.isClosed(T2)).isTrue();
        assertThat(bars.isClosed(T2.plusSeconds(60))).isFalse();
    }
}
