package dev.papertrader.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosOptionsTests {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreTwentyTrialsSeedOneOnTheFullData() {
        ChaosOptions options = ChaosOptions.parse(List.of(), ROOT);
        assertThat(options.trials()).isEqualTo(20);
        assertThat(options.firstTrial()).isEqualTo(1);
        assertThat(options.seed()).isEqualTo(1);
        assertThat(options.datasets()).containsExactly("btc-bitstamp-2013-1m", "eth-2023-5m", "aapl-2013");
        assertThat(options.workDirectory()).isEqualTo(Path.of("/repo/deploy/chaos/target/runs"));
        assertThat(options.servicesRoot()).isEqualTo(ROOT);
    }

    @Test
    void theShortRunReplaysLessData() {
        ChaosOptions options = ChaosOptions.parse(List.of("--short", "--trials", "1", "--seed", "9"), ROOT);
        assertThat(options.datasets()).containsExactly("eth-2023-5m", "aapl-2013");
        assertThat(options.trials()).isEqualTo(1);
        assertThat(options.seed()).isEqualTo(9);
    }

    @Test
    void aFullRunSplitOverProcessesNumbersItsTrialsFromTheFirstGiven() {
        ChaosOptions options = ChaosOptions.parse(List.of("--trials", "5", "--first-trial", "6"), ROOT);
        assertThat(options.trials()).isEqualTo(5);
        assertThat(options.firstTrial()).isEqualTo(6);
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--first-trial", "0"), ROOT))
                .hasMessageContaining("--first-trial must be at least 1");
    }

    @Test
    void unknownOptionsMissingValuesAndNoTrialsAreRefused() {
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--kill-all"), ROOT)).hasMessageContaining("unknown option --kill-all");
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--trials"), ROOT)).hasMessageContaining("--trials needs a value");
        assertThatThrownBy(() -> ChaosOptions.parse(List.of("--trials", "0"), ROOT)).hasMessageContaining("at least 1");
    }
}
