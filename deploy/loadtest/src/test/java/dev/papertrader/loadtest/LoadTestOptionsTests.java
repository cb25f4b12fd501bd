package dev.papertrader.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTestOptionsTests {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreTheIssueTargetLoad() {
        LoadTestOptions options = LoadTestOptions.parse(List.of(), ROOT);

        assertThat(options.symbols()).isEqualTo(100);
        assertThat(options.barsPerSecond()).isEqualTo(1000);
        // 1000 bars/s over 100 symbols = 10 slices/s; 30 s → 300 slices; 5 s warm-up → 50 slices
        assertThat(options.slicesPerSecond()).isEqualTo(10.0);
        assertThat(options.slices()).isEqualTo(300);
        assertThat(options.warmupSlices()).isEqualTo(50);
        assertThat(options.output()).isEqualTo(Path.of("/repo/.papertrader/loadtest/result.json"));
        assertThat(options.limits()).isTrue();
        assertThat(options.check()).isFalse();
    }

    @Test
    void readsEveryOption() {
        LoadTestOptions options = LoadTestOptions.parse(List.of("--symbols", "20", "--rate", "50", "--duration", "10",
                "--warmup", "2", "--drain-timeout", "7", "--out", "/tmp/r.json", "--work-dir", "/tmp/w", "--db-url",
                "jdbc:postgresql://127.0.0.1:5432/pt", "--db-superuser", "admin", "--db-password", "pw", "--amqp-url",
                "amqp://127.0.0.1:5672", "--no-limits", "--check"), ROOT);

        // 50 bars/s over 20 symbols = 2.5 slices/s; 10 s → 25 slices; 2 s warm-up → 5 slices
        assertThat(options.slices()).isEqualTo(25);
        assertThat(options.warmupSlices()).isEqualTo(5);
        assertThat(options.drainTimeout()).isEqualTo(7);
        assertThat(options.output()).isEqualTo(Path.of("/tmp/r.json"));
        assertThat(options.workDirectory()).isEqualTo(Path.of("/tmp/w"));
        assertThat(options.dbUrl()).contains("jdbc:postgresql://127.0.0.1:5432/pt");
        assertThat(options.dbSuperuser()).isEqualTo("admin");
        assertThat(options.dbPassword()).isEqualTo("pw");
        assertThat(options.amqpUrl()).contains("amqp://127.0.0.1:5672");
        assertThat(options.limits()).isFalse();
        assertThat(options.check()).isTrue();
    }

    @Test
    void aRateBelowTheSymbolCountPublishesASliceLessOftenThanOnceASecond() {
        LoadTestOptions options = LoadTestOptions.parse(List.of("--symbols", "10", "--rate", "5", "--duration", "40",
                "--warmup", "10"), ROOT);

        // 5 bars/s over 10 symbols = 0.5 slices/s; 40 s → 20 slices; 10 s warm-up → 5 slices
        assertThat(options.slicesPerSecond()).isEqualTo(0.5);
        assertThat(options.slices()).isEqualTo(20);
        assertThat(options.warmupSlices()).isEqualTo(5);
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--warmup", "30"), ROOT))
                .hasMessageContaining("--warmup");
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--duration", "0"), ROOT))
                .hasMessageContaining("--duration must be positive");
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--symbols", "many"), ROOT))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--speed", "3"), ROOT))
                .hasMessageContaining("unknown option '--speed'");
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--out"), ROOT))
                .hasMessageContaining("--out needs a value");
    }
}
