package dev.papertrader.monitor.feed.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTests {

    @Test
    void theBaseDoublesPerAttemptUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0, () -> 0.3);
        assertThat(backoff.base(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.base(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.base(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.base(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.base(200)).isEqualTo(Duration.ofSeconds(10));
        // jitter 0: the delay is the base whatever the random number
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void jitterTakesAShareOfTheBaseFromTheRandomNumber() {
        double[] numbers = {0.0, 0.5, 0.999};
        int[] next = {0};
        Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(60), 0.5,
                () -> numbers[next[0]++]);
        // attempt 0, u 0: 1000 × (1 − 0.5 + 0) = 500
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(500));
        // attempt 1, u 0.5: 2000 × (0.5 + 0.25) = 1500
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(1500));
        // attempt 2, u 0.999: 4000 × (0.5 + 0.4995) = 3998
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(3998));
    }

    @Test
    void aSeededSourceGivesTheSameDelaysEveryTimeWithinTheJitterRange() {
        Backoff first = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, new Random(7)::nextDouble);
        Backoff second = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, new Random(7)::nextDouble);
        for (int attempt = 0; attempt < 8; attempt++) {
            Duration delay = first.delay(attempt);
            assertThat(delay).isEqualTo(second.delay(attempt));
            assertThat(delay).isBetween(first.base(attempt).dividedBy(2), first.base(attempt));
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
