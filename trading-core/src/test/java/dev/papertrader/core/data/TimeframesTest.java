package dev.papertrader.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeframesTest {

    @Test
    void parsesShorthandAndIsoDurations() {
        assertThat(Timeframes.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Timeframes.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Timeframes.parse("4h")).isEqualTo(Duration.ofHours(4));
        assertThat(Timeframes.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Timeframes.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Timeframes.parse("P1D")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void labelsWithTheLargestExactUnit() {
        assertThat(Timeframes.label(Duration.ofMinutes(1))).isEqualTo("1m");
        assertThat(Timeframes.label(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Timeframes.label(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Timeframes.label(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(Timeframes.label(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Timeframes.label(Duration.ofMillis(1500))).isEqualTo("PT1.5S");
    }

    @Test
    void rejectsUnknownUnitsGarbageAndNonPositiveDurations() {
        assertThatThrownBy(() -> Timeframes.parse("5x")).hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> Timeframes.parse("fivem")).hasMessageContaining("neither");
        assertThatThrownBy(() -> Timeframes.parse("PTxM")).hasMessageContaining("not an ISO-8601 duration");
        assertThatThrownBy(() -> Timeframes.parse("0m")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Timeframes.parse(" ")).hasMessageContaining("required");
        assertThatThrownBy(() -> Timeframes.label(Duration.ZERO)).hasMessageContaining("must be positive");
    }
}
