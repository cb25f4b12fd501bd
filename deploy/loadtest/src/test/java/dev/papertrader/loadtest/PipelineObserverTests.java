package dev.papertrader.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PipelineObserverTests {

    private static final long MS = 1_000_000;
    private static final String T0 = "2024-01-01T00:00:00Z";
    private static final String T1 = "2024-01-01T00:01:00Z";

    private final PipelineObserver observer = new PipelineObserver(Instant.parse(T0));

    private void send(String address, String type, String json, long millis) {
        observer.onMessage(address, type, json.getBytes(StandardCharsets.UTF_8), millis * MS);
    }

    private void slice0WithAnOrder() {
        send("market.bars", "bar", "{\"symbol\":\"A\",\"openTime\":\"" + T0 + "\"}", 100);
        send("market.bars", "bar", "{\"symbol\":\"B\",\"openTime\":\"" + T0 + "\"}", 101);
        send("market.bars", "slice-end", "{\"time\":\"" + T0 + "\"}", 102);
        send("trading.fills", "slice-end", "{\"time\":\"" + T0 + "\"}", 104);
        send("portfolio.updates", "snapshot", "{\"asOf\":\"" + T0 + "\"}", 107);
        send("trading.decisions", "decision", "{\"id\":\"d1\",\"accepted\":true,\"orderId\":\"o1\",\"decidedAt\":\"" + T0 + "\"}", 110);
        send("trading.decisions", "decision", "{\"id\":\"d2\",\"accepted\":false,\"orderId\":null,\"decidedAt\":\"" + T0 + "\"}", 112);
    }

    @Test
    void timesEveryHopOfASliceFromTheFirstBar() {
        slice0WithAnOrder();
        // slice 1: the order fills on its bar, then the fills' watermark, then the snapshot
        send("market.bars", "bar", "{\"symbol\":\"A\",\"openTime\":\"" + T1 + "\"}", 200);
        send("trading.fills", "fill", "{\"id\":\"f1\",\"orderId\":\"o1\",\"filledAt\":\"" + T1 + "\"}", 203);
        send("trading.fills", "slice-end", "{\"time\":\"" + T1 + "\"}", 204);
        send("portfolio.updates", "snapshot", "{\"asOf\":\"" + T1 + "\"}", 209);

        var latencies = observer.latencies();
        // slice 0: 107 - 100 = 7 ms; slice 1: 209 - 200 = 9 ms (HdrHistogram: 3 significant digits)
        assertThat(latencies.get(PipelineObserver.BAR_TO_PORTFOLIO).count()).isEqualTo(2);
        assertThat(latencies.get(PipelineObserver.BAR_TO_PORTFOLIO).p50()).isCloseTo(7.0, offset(0.01));
        assertThat(latencies.get(PipelineObserver.BAR_TO_PORTFOLIO).max()).isCloseTo(9.0, offset(0.01));
        // fills done: 104 - 100 = 4, 204 - 200 = 4; fills done → snapshot: 3, 5
        assertThat(latencies.get(PipelineObserver.BAR_TO_FILLS_DONE).p99()).isCloseTo(4.0, offset(0.01));
        assertThat(latencies.get(PipelineObserver.FILLS_DONE_TO_PORTFOLIO).max()).isCloseTo(5.0, offset(0.01));
        // decisions: 110 - 100 = 10, 112 - 100 = 12
        assertThat(latencies.get(PipelineObserver.BAR_TO_DECISION).count()).isEqualTo(2);
        assertThat(latencies.get(PipelineObserver.BAR_TO_DECISION).max()).isCloseTo(12.0, offset(0.01));
        // order o1 decided at 110, filled at 203: 93 ms; its bar at 200: 3 ms; booked by the snapshot at 209: 6 ms
        assertThat(latencies.get(PipelineObserver.ORDER_TO_FILL).p50()).isCloseTo(93.0, offset(0.1));
        assertThat(latencies.get(PipelineObserver.BAR_TO_FILL).p50()).isCloseTo(3.0, offset(0.01));
        assertThat(latencies.get(PipelineObserver.FILL_TO_BOOKED).p50()).isCloseTo(6.0, offset(0.01));

        assertThat(observer.count("market.bars", "bar")).isEqualTo(3);
        assertThat(observer.distinctDecisions()).isEqualTo(2);
        assertThat(observer.distinctFills()).isEqualTo(1);
        assertThat(observer.hasSnapshot(Instant.parse(T1))).isTrue();
        assertThat(observer.sampleFillBody()).isNotNull();
        assertThat(observer.problems()).isEmpty();
    }

    @Test
    void countsRedeliveriesOnceAndLeavesWarmUpUntimed() {
        PipelineObserver warm = new PipelineObserver(Instant.parse(T1));
        warm.onMessage("market.bars", "bar", ("{\"openTime\":\"" + T0 + "\"}").getBytes(StandardCharsets.UTF_8), 0);
        warm.onMessage("portfolio.updates", "snapshot", ("{\"asOf\":\"" + T0 + "\"}").getBytes(StandardCharsets.UTF_8), 5 * MS);
        String fill = "{\"id\":\"f1\",\"orderId\":\"o1\",\"filledAt\":\"" + T1 + "\"}";
        warm.onMessage("trading.fills", "fill", fill.getBytes(StandardCharsets.UTF_8), 6 * MS);
        warm.onMessage("trading.fills", "fill", fill.getBytes(StandardCharsets.UTF_8), 7 * MS);

        assertThat(warm.latencies().get(PipelineObserver.BAR_TO_PORTFOLIO).count()).isZero();
        assertThat(warm.distinctFills()).isEqualTo(1);
        assertThat(warm.counts()).containsEntry("duplicate fill deliveries", 1L);
    }

    @Test
    void ordersPerSecondSpanFirstToLastOrder() {
        for (int i = 0; i < 11; i++) {
            send("trading.decisions", "decision", "{\"id\":\"d" + i + "\",\"accepted\":true,\"orderId\":\"o" + i
                    + "\",\"decidedAt\":\"" + T0 + "\"}", 1000 + 100L * i);
        }
        // 11 orders over 1 s: 10 intervals → 10 orders/s
        assertThat(observer.ordersPerSecond()).isCloseTo(10.0, offset(1e-9));
    }

    @Test
    void aFillAfterItsSlicesSnapshotIsNoted() {
        slice0WithAnOrder();
        send("trading.fills", "fill", "{\"id\":\"late\",\"orderId\":\"o9\",\"filledAt\":\"" + T0 + "\"}", 300);

        assertThat(observer.problems()).singleElement().asString().contains("late");
    }
}
