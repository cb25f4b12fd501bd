package dev.papertrader.router.engine;

import static dev.papertrader.router.engine.EngineFixtures.DAY1;
import static dev.papertrader.router.engine.EngineFixtures.DAY2;
import static dev.papertrader.router.engine.EngineFixtures.DAY3;
import static dev.papertrader.router.engine.EngineFixtures.buy;
import static dev.papertrader.router.engine.EngineFixtures.flat;
import static dev.papertrader.router.engine.EngineFixtures.monitorEnd;
import static dev.papertrader.router.engine.EngineFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buffer of undecided slices: which slice is next, when it is complete, what taking it removes. */
class PendingSlicesTests {

    private final PendingSlices<String> pending = new PendingSlices<>();

    private void add(Signal signal, String handle) {
        pending.addSignal(signal.id(), signal, handle);
    }

    @Test
    void theNextSliceIsTheEarliestWithAMonitorWatermark() {
        add(buy("AAPL", DAY1, "10"), "s1");
        pending.addEnd("e2", monitorEnd(DAY2, 0), "e2");

        // DAY1 holds a signal but no watermark (an outside process): it does not hold DAY2 up.
        assertThat(pending.next()).contains(DAY2);
    }

    @Test
    void nothingIsNextWithoutAWatermark() {
        add(buy("AAPL", DAY1, "10"), "s1");
        pending.addSnapshot("p1", flat("1000", DAY1), "p1");

        assertThat(pending.next()).isEmpty();
        assertThat(pending.isComplete(DAY1)).isFalse();
        assertThat(pending.missing(DAY1)).containsExactly("monitor slice-end");
    }

    @Test
    void aSliceIsCompleteWithItsWatermarkItsSnapshotAndAsManySignalsAsCounted() {
        add(buy("AAPL", DAY1, "10"), "s1");
        pending.addEnd("e1", monitorEnd(DAY1, 2), "e1");
        pending.addSnapshot("p1", flat("1000", DAY1), "p1");
        assertThat(pending.isComplete(DAY1)).isFalse();
        assertThat(pending.missing(DAY1)).containsExactly("1 of 2 signals");

        add(buy("MSFT", DAY1, "20"), "s2");

        assertThat(pending.isComplete(DAY1)).isTrue();
        assertThat(pending.missing(DAY1)).isEmpty();
    }

    @Test
    void aSliceWithoutItsSnapshotIsNotComplete() {
        pending.addEnd("e1", monitorEnd(DAY1, 0), "e1");

        assertThat(pending.isComplete(DAY1)).isFalse();
        assertThat(pending.missing(DAY1)).containsExactly("snapshot");
    }

    @Test
    void takingASliceRemovesItAndEveryEarlierOneSignalsByBarTimeThenArrival() {
        Signal strayDay1 = buy("IBM", DAY1, "30");
        Signal msft = buy("MSFT", DAY2, "20");
        Signal aapl = buy("AAPL", DAY2, "10");
        Signal later = buy("AAPL", DAY3, "11");
        add(msft, "msft");
        add(strayDay1, "stray");
        add(aapl, "aapl");
        add(later, "later");
        pending.addSnapshot("p1", flat("900", DAY1), "p1");
        pending.addEnd("e2", monitorEnd(DAY2, 2), "e2");
        pending.addSnapshot("p2", flat("1000", DAY2), "p2");

        PendingSlices.Closure<String> closure = pending.take(DAY2);

        assertThat(closure.time()).isEqualTo(DAY2);
        assertThat(closure.snapshot()).isEqualTo(flat("1000", DAY2));
        assertThat(closure.signals()).extracting(PendingSlices.Entry::value).containsExactly(strayDay1, msft, aapl);
        // Signals first (in deciding order), then each slice's watermark and snapshot.
        assertThat(closure.handles()).containsExactly("stray", "msft", "aapl", "p1", "e2", "p2");
        assertThat(pending.summaries()).containsExactly(new PendingSlices.Summary(DAY3, 1, null, false));
        assertThat(pending.signalCount()).isEqualTo(1);
    }

    @Test
    void aRedeliveredSignalReplacesTheKeptOneInItsPlaceAndHandsBackTheOldHandle() {
        Signal first = buy("AAPL", DAY1, "10");
        Signal second = sell("MSFT", DAY1, "20");
        add(first, "first");
        add(second, "second");

        assertThat(pending.addSignal(first.id(), first, "first-again")).contains("first");

        pending.addEnd("e1", monitorEnd(DAY1, 2), "e1");
        pending.addSnapshot("p1", flat("1000", DAY1), "p1");
        PendingSlices.Closure<String> closure = pending.take(DAY1);
        assertThat(closure.signals()).extracting(PendingSlices.Entry::handle).containsExactly("first-again", "second");
    }

    @Test
    void aRepeatedWatermarkOrSnapshotHandsBackTheOldHandle() {
        assertThat(pending.addEnd("e1", monitorEnd(DAY1, 0), "e1")).isEmpty();
        assertThat(pending.addEnd("e1", monitorEnd(DAY1, 0), "e1-again")).contains("e1");
        assertThat(pending.addSnapshot("p1", flat("1000", DAY1), "p1")).isEmpty();
        assertThat(pending.addSnapshot("p1", flat("1000", DAY1), "p1-again")).contains("p1");

        assertThat(pending.take(DAY1).handles()).containsExactly("e1-again", "p1-again");
    }

    @Test
    void aSliceCannotBeTakenWithoutItsSnapshot() {
        pending.addEnd("e1", monitorEnd(DAY1, 0), "e1");

        assertThatThrownBy(() -> pending.take(DAY1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no snapshot");
        assertThat(pending.next()).contains(DAY1);
    }

    @Test
    void summariesSayWhatEachSliceHolds() {
        add(buy("AAPL", DAY1, "10"), "s1");
        pending.addEnd("e2", monitorEnd(DAY2, 3), "e2");
        pending.addSnapshot("p2", flat("1000", DAY2), "p2");

        assertThat(pending.summaries()).isEqualTo(List.of(new PendingSlices.Summary(DAY1, 1, null, false),
                new PendingSlices.Summary(DAY2, 0, 3, true)));
    }
}
