package dev.papertrader.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTests {

    @Test
    void oneRowPerRunTheTotalsAndTheFaultsPerKind() {
        TrialResult baseline = new TrialResult("no-fault", 0, Map.of(), 0, 0, 0, 0, 0, List.of(), List.of(), 53,
                Duration.ofSeconds(71), null, null);
        TrialResult trial = new TrialResult("trial 1", 2, Map.of("SIGKILL + restart", 4, "broker restart", 1), 17, 24, 0,
                0, 0, List.of(), List.of("fills: ..."), 53, Duration.ofSeconds(105), null, null);
        String table = ResultTable.render(List.of(baseline, trial));
        assertThat(table).contains("| no-fault | - | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 71 |")
                .contains("| trial 1 | 2 | 5 | 17 | 24 | 0 | 0 | 0 | 1 | 105 |")
                .contains("| **total: 1 trials** | | 5 | 17 | 24 | 0 | **0** | **0** | **1** | |")
                .contains("| SIGKILL + restart | 4 |").contains("| broker restart | 1 |");
        assertThat(baseline.clean()).isTrue();
        assertThat(trial.clean()).isFalse();
    }
}
