package dev.papertrader.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossCheckTests {

    private static Map<String, Long> cleanStore() {
        Map<String, Long> stored = new LinkedHashMap<>();
        stored.put("bars", 200L);
        stored.put("decisions", 30L);
        stored.put("accepted decisions", 20L);
        stored.put("orders", 20L);
        stored.put("fills", 18L);
        stored.put("booked fills", 18L);
        stored.put("signals without a decision", 0L);
        stored.put("decisions per signal above one", 0L);
        stored.put("accepted decisions without an order", 0L);
        stored.put("fills not booked", 0L);
        stored.put("booked fills without a fill", 0L);
        return stored;
    }

    @Test
    void aCleanRunPasses() {
        assertThat(LossCheck.failures(cleanStore(), 200, 200, 30, 18, true, 0, 0, List.of())).isEmpty();
    }

    @Test
    void everyLossOrErrorIsNamed() {
        Map<String, Long> stored = cleanStore();
        stored.put("fills not booked", 1L);
        stored.put("booked fills", 17L);
        stored.put("orders", 19L);

        List<String> failures = LossCheck.failures(stored, 200, 199, 29, 18, false, 2, 3, List.of("router"));

        assertThat(failures).containsExactly(
                "bars seen on market.bars: 199, expected 200",
                "orders from messages: 19, expected 20",
                "fills not booked: 1, expected 0",
                "booked fills: 17, expected 18",
                "decisions seen on trading.decisions: 29, expected 30",
                "the portfolio's snapshot of the last slice never arrived: the pipeline did not drain",
                "messages in dead.letters: 2, expected 0",
                "ERROR lines in the service logs: 3, expected 0",
                "services that exited during the run: router");
    }
}
