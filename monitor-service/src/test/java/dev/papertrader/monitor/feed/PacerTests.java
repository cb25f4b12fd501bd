package dev.papertrader.monitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTests {

    static final long MS = 1_000_000L;

    @Test
    void eachSliceIsDueOneIntervalAfterThePreviousOne() {
        Pacer pacer = new Pacer(4); // interval 250 ms
        pacer.start(0);

        assertThat(pacer.delayAfterSlice(10 * MS)).isEqualTo(240); // due at 250
        assertThat(pacer.delayAfterSlice(300 * MS)).isEqualTo(200); // due at 500
        assertThat(pacer.delayAfterSlice(760 * MS)).isEqualTo(0); // due at 750, already late
        assertThat(pacer.delayAfterSlice(800 * MS)).isEqualTo(200); // due at 1000: late slices do not shift the schedule
    }

    @Test
    void fallingBehindByMoreThanOneSecondRestartsTheScheduleFromNow() {
        Pacer pacer = new Pacer(4);
        pacer.start(0);

        assertThat(pacer.delayAfterSlice(2000 * MS)).isEqualTo(0); // due at 250, 1750 ms late: restart at 2000
        assertThat(pacer.delayAfterSlice(2100 * MS)).isEqualTo(150); // due at 2250
    }

    @Test
    void waitsAreRoundedUpToWholeMilliseconds() {
        Pacer pacer = new Pacer(3); // interval 333,333,333 ns
        pacer.start(0);

        assertThat(pacer.delayAfterSlice(0)).isEqualTo(334);
    }

    @Test
    void rateZeroNeverWaits() {
        Pacer pacer = new Pacer(0);
        pacer.start(0);

        assertThat(pacer.delayAfterSlice(0)).isZero();
        assertThat(pacer.delayAfterSlice(5 * MS)).isZero();
    }

    @Test
    void aNegativeOrInfiniteRateIsRejected() {
        assertThatThrownBy(() -> new Pacer(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
