package dev.papertrader.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.monitor.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorConfigTests {

    @Test
    void defaults() {
        MonitorConfig config = TestData.config(Map.of());

        assertThat(config.feed().type()).isEqualTo("replay");
        assertThat(config.feed().datasets()).containsExactly("aapl-2013");
        assertThat(config.feed().csv()).isEmpty();
        assertThat(config.feed().speed()).isEqualTo(4.0);
        assertThat(config.feed().loop()).isFalse();
        assertThat(config.feed().autostart()).isTrue();
        assertThat(config.feed().retryDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.feed().synthetic().symbols()).isEqualTo(3);
        assertThat(config.feed().synthetic().symbolPrefix()).isEqualTo("SYN");
        assertThat(config.feed().synthetic().seed()).isEqualTo(42);
        assertThat(config.feed().synthetic().timeframe()).isEqualTo("1m");
        assertThat(config.feed().synthetic().start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(config.feed().synthetic().bars()).isZero();
        assertThat(config.watchlist().seedStrategies()).containsExactly("macd-crossover", "rsi-divergence",
                "tsi-momentum");
        assertThat(config.watchlist().seedParameters()).isEmpty();
        assertThat(config.events().bufferSize()).isEqualTo(1000);
    }

    @Test
    void seedParametersAreReadByStrategyName() {
        MonitorConfig config = TestData.config(Map.of(
                "papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".fastPeriod", "10",
                "papertrader.monitor.watchlist.seed-parameters.\"macd-crossover\".slowPeriod", "30",
                "papertrader.monitor.watchlist.seed-parameters.\"rsi-divergence\".rsiPeriod", "7",
                "papertrader.monitor.feed.csv", "XYZ:1d:/tmp/a.csv,ABC:5m:/tmp/b.csv"));

        assertThat(config.watchlist().seedParameters()).isEqualTo(Map.of(
                "macd-crossover", Map.of("fastPeriod", "10", "slowPeriod", "30"),
                "rsi-divergence", Map.of("rsiPeriod", "7")));
        assertThat(config.feed().csv()).contains(List.of("XYZ:1d:/tmp/a.csv", "ABC:5m:/tmp/b.csv"));
    }
}
