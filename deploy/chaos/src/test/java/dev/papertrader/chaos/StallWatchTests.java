package dev.papertrader.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StallWatchTests {

    private final AtomicLong now = new AtomicLong();
    private final StallWatch watch = new StallWatch(Duration.ofMinutes(5), now::get);

    private void minutesPass(long minutes) {
        now.addAndGet(Duration.ofMinutes(minutes).toNanos());
    }

    @Test
    void aRunThatKeepsMovingIsNeverStalledHoweverLongItTakes() {
        for (int bars = 0; bars < 100; bars++) {
            minutesPass(4);
            assertThat(watch.stalled(bars)).isFalse();
        }
    }

    @Test
    void aRunWhoseProgressStaysTheSameBeyondTheLimitIsStalled() {
        assertThat(watch.stalled(10)).isFalse();
        minutesPass(4);
        assertThat(watch.stalled(10)).isFalse();
        minutesPass(2);
        assertThat(watch.stalled(10)).isTrue();
    }

    @Test
    void anUnreadableProgressIsNoChange() {
        assertThat(watch.stalled(10)).isFalse();
        minutesPass(3);
        assertThat(watch.stalled(null)).as("PostgreSQL restarting").isFalse();
        minutesPass(3);
        assertThat(watch.stalled(null)).isTrue();
        assertThat(watch.stalled(11)).as("moving again").isFalse();
    }
}
