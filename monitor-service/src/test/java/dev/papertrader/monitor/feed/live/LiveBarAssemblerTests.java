package dev.papertrader.monitor.feed.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.feed.TimeSlice;
import dev.papertrader.monitor.feed.live.LiveBarAssembler.Arrival;
import dev.papertrader.monitor.feed.live.LiveBarAssembler.Gap;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveBarAssemblerTests {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Instant NOW = Instant.parse("2024-01-01T12:00:00Z");

    static Instant t(int minute) {
        return T0.plus(MINUTE.multipliedBy(minute));
    }

    static Bar bar(String symbol, int minute) {
        BigDecimal price = BigDecimal.valueOf(100 + minute);
        return new Bar(symbol, "1m", t(minute), price, price, price, price, BigDecimal.ONE);
    }

    static LiveBarAssembler assembler(String... symbols) {
        LiveBarAssembler assembler = new LiveBarAssembler(MINUTE, Duration.ofSeconds(3), 1000, 0);
        assembler.watch(List.of(symbols));
        return assembler;
    }

    static List<Instant> drain(LiveBarAssembler assembler, Instant now) {
        List<Instant> times = new ArrayList<>();
        for (Optional<TimeSlice> slice = assembler.poll(now); slice.isPresent(); slice = assembler.poll(now)) {
            times.add(slice.get().time());
        }
        return times;
    }

    @Test
    void contiguousBarsOfOneSymbolAreReleasedAtOnceInOrder() {
        LiveBarAssembler assembler = assembler("BTCUSDT");
        assertThat(assembler.accept(bar("BTCUSDT", 0), NOW).arrival()).isEqualTo(Arrival.ACCEPTED);
        assertThat(drain(assembler, NOW)).containsExactly(t(0));
        assembler.accept(bar("BTCUSDT", 1), NOW);
        assembler.accept(bar("BTCUSDT", 2), NOW);
        assertThat(drain(assembler, NOW)).containsExactly(t(1), t(2));
    }

    @Test
    void duplicatesAndLateBarsAreDroppedTheFirstCopyWins() {
        LiveBarAssembler assembler = assembler("BTCUSDT");
        assembler.accept(bar("BTCUSDT", 0), NOW);
        assertThat(assembler.accept(bar("BTCUSDT", 0), NOW).arrival()).isEqualTo(Arrival.DUPLICATE);
        assertThat(drain(assembler, NOW)).containsExactly(t(0));
        assertThat(assembler.accept(bar("BTCUSDT", 0), NOW).arrival()).isEqualTo(Arrival.LATE);
        assertThat(assembler.accept(bar("ETHUSDT", 1), NOW).arrival()).isEqualTo(Arrival.UNWATCHED);
        assertThat(drain(assembler, NOW)).isEmpty();
    }

    @Test
    void aHoleIsAGapToFetchAndNothingIsReleasedUntilItIsFilled() {
        LiveBarAssembler assembler = assembler("BTCUSDT");
        assembler.accept(bar("BTCUSDT", 0), NOW);
        drain(assembler, NOW);
        var acceptance = assembler.accept(bar("BTCUSDT", 4), NOW);
        assertThat(acceptance.gap()).contains(new Gap("BTCUSDT", t(1), t(3)));
        assertThat(acceptance.gap().get().bars(MINUTE)).isEqualTo(3);
        assertThat(assembler.accept(bar("BTCUSDT", 5), NOW).gap()).isEmpty();
        assertThat(drain(assembler, NOW.plusSeconds(60))).isEmpty();
        // bar 2 also arrives late from the stream while the gap is fetched: pending, so the fetched copy is ignored
        assertThat(assembler.accept(bar("BTCUSDT", 2), NOW).arrival()).isEqualTo(Arrival.ACCEPTED);
        Optional<Gap> further = assembler.recovered(acceptance.gap().get(),
                List.of(bar("BTCUSDT", 3), bar("BTCUSDT", 1), bar("BTCUSDT", 2), bar("BTCUSDT", 9)), NOW);
        assertThat(further).isEmpty();
        assertThat(drain(assembler, NOW)).containsExactly(t(1), t(2), t(3), t(4), t(5));
    }

    @Test
    void aGapIsCappedToTheMostRecentBarsAndNeverReachesBackBeforeTheLastRelease() {
        LiveBarAssembler assembler = new LiveBarAssembler(MINUTE, Duration.ofSeconds(3), 5, 0);
        assembler.watch(List.of("BTCUSDT"));
        assembler.accept(bar("BTCUSDT", 0), NOW);
        drain(assembler, NOW);
        assertThat(assembler.accept(bar("BTCUSDT", 100), NOW).gap()).contains(new Gap("BTCUSDT", t(95), t(99)));
    }

    @Test
    void aGapThatCannotBeFetchedIsGivenUpAndTheLaterBarsGoOn() {
        LiveBarAssembler assembler = assembler("BTCUSDT");
        assembler.accept(bar("BTCUSDT", 0), NOW);
        Gap gap = assembler.accept(bar("BTCUSDT", 3), NOW).gap().orElseThrow();
        assertThat(assembler.abandoned(gap)).isEmpty();
        assertThat(drain(assembler, NOW)).containsExactly(t(0), t(3));
    }

    @Test
    void theFirstBarOfARunFetchesTheHistoryBeforeItOrWhatWasMissedSinceTheLastRelease() {
        LiveBarAssembler fresh = new LiveBarAssembler(MINUTE, Duration.ofSeconds(3), 1000, 10);
        fresh.watch(List.of("BTCUSDT"));
        assertThat(fresh.accept(bar("BTCUSDT", 50), NOW).gap()).contains(new Gap("BTCUSDT", t(40), t(49)));

        LiveBarAssembler resumed = new LiveBarAssembler(MINUTE, Duration.ofSeconds(3), 1000, 10);
        resumed.watch(List.of("BTCUSDT"));
        assertThat(resumed.reset(t(45))).isEmpty();
        assertThat(resumed.accept(bar("BTCUSDT", 50), NOW).gap()).contains(new Gap("BTCUSDT", t(46), t(49)));
        assertThat(resumed.accept(bar("BTCUSDT", 44), NOW).arrival()).isEqualTo(Arrival.LATE);
    }

    @Test
    void aResetWithPendingBarsReportsTheGapsToTheirFirstBar() {
        LiveBarAssembler assembler = assembler("BTCUSDT");
        assembler.accept(bar("BTCUSDT", 5), NOW);
        assertThat(assembler.reset(t(2))).containsExactly(new Gap("BTCUSDT", t(3), t(4)));
        assertThat(assembler.recovering()).isTrue();
    }

    @Test
    void aSliceWaitsForEverySymbolUntilTheGraceIsOver() {
        LiveBarAssembler assembler = assembler("BTCUSDT", "ETHUSDT");
        assembler.accept(bar("ETHUSDT", 0), NOW);
        assembler.accept(bar("BTCUSDT", 0), NOW);
        Optional<TimeSlice> both = assembler.poll(NOW);
        assertThat(both).isPresent();
        // watch order, not arrival order
        assertThat(both.get().bars()).extracting(Bar::symbol).containsExactly("BTCUSDT", "ETHUSDT");

        assembler.accept(bar("BTCUSDT", 1), NOW);
        assertThat(assembler.poll(NOW.plusMillis(2999))).isEmpty();
        Optional<TimeSlice> alone = assembler.poll(NOW.plusSeconds(3));
        assertThat(alone).isPresent();
        assertThat(alone.get().bars()).extracting(Bar::symbol).containsExactly("BTCUSDT");
        // ETHUSDT's bar 1 comes too late: its slice is out
        assertThat(assembler.accept(bar("ETHUSDT", 1), NOW).arrival()).isEqualTo(Arrival.LATE);
    }

    @Test
    void aSymbolThatHasALaterBarDoesNotHoldTheSliceBack() {
        LiveBarAssembler assembler = assembler("BTCUSDT", "ETHUSDT");
        assembler.accept(bar("BTCUSDT", 0), NOW);
        assembler.accept(bar("ETHUSDT", 0), NOW);
        drain(assembler, NOW);
        assembler.accept(bar("BTCUSDT", 1), NOW);
        Gap gap = assembler.accept(bar("ETHUSDT", 2), NOW).gap().orElseThrow();
        assertThat(assembler.recovered(gap, List.of(), NOW)).isEmpty(); // the exchange has no ETHUSDT bar at 1
        assembler.accept(bar("BTCUSDT", 2), NOW);
        assertThat(drain(assembler, NOW)).containsExactly(t(1), t(2));
    }

    @Test
    void aSymbolAddedAtRunTimeJoinsTheNextSlicesAndARemovedOneLosesItsPendingBars() {
        LiveBarAssembler assembler = assembler("BTCUSDT");
        assembler.accept(bar("BTCUSDT", 0), NOW);
        drain(assembler, NOW);
        assembler.watch(List.of("BTCUSDT", "ETHUSDT"));
        assembler.accept(bar("BTCUSDT", 1), NOW);
        assertThat(assembler.accept(bar("ETHUSDT", 1), NOW).gap()).isEmpty();
        TimeSlice slice = assembler.poll(NOW).orElseThrow();
        assertThat(slice.bars()).hasSize(2);
        assembler.accept(bar("ETHUSDT", 2), NOW);
        assembler.watch(List.of("BTCUSDT"));
        assertThat(assembler.poll(NOW.plusSeconds(10))).isEmpty();
        assertThat(assembler.watched()).containsExactly("BTCUSDT");
    }
}
