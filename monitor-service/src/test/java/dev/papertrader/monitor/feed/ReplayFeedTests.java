package dev.papertrader.monitor.feed;

import static dev.papertrader.monitor.TestData.bar;
import static dev.papertrader.monitor.TestData.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayFeedTests {

    static final Instant DAY1 = Instant.parse("2020-01-01T00:00:00Z");

    static Instant day(int n) {
        return DAY1.plus(Duration.ofDays(n - 1));
    }

    /** AAA on days 1-3, BBB on days 2-4. */
    static List<ReplayFeed.Source> twoSources() {
        return List.of(
                new ReplayFeed.Source("aaa", List.of(bar("AAA", "1d", day(1), "10"), bar("AAA", "1d", day(2), "11"),
                        bar("AAA", "1d", day(3), "12"))),
                new ReplayFeed.Source("bbb", List.of(bar("BBB", "1d", day(2), "20"), bar("BBB", "1d", day(3), "21"),
                        bar("BBB", "1d", day(4), "22"))));
    }

    @Test
    void sourcesAreMergedByTimeWithEqualTimesInSourceOrder() {
        ReplayFeed feed = ReplayFeed.of(twoSources(), false);

        List<TimeSlice> slices = drain(feed, 10);

        assertThat(slices).extracting(TimeSlice::time).containsExactly(day(1), day(2), day(3), day(4));
        assertThat(slices).extracting(TestData::symbols).containsExactly(List.of("AAA"), List.of("AAA", "BBB"),
                List.of("AAA", "BBB"), List.of("BBB"));
        assertThat(feed.instruments()).containsExactly(new Instrument("AAA", "1d"), new Instrument("BBB", "1d"));
    }

    @Test
    void theOrderOfTheSourcesIsTheSymbolOrderOfEverySlice() {
        ReplayFeed feed = ReplayFeed.of(List.of(twoSources().get(1), twoSources().get(0)), false);

        assertThat(drain(feed, 10)).extracting(TestData::symbols).containsExactly(List.of("AAA"),
                List.of("BBB", "AAA"), List.of("BBB", "AAA"), List.of("BBB"));
    }

    @Test
    void withoutLoopTheFeedEndsAfterItsLastSlice() {
        ReplayFeed feed = ReplayFeed.of(twoSources(), false);
        drain(feed, 4);

        assertThat(feed.next()).isEmpty();
        assertThat(feed.next()).isEmpty();
        assertThat(feed.position()).isEqualTo(new MarketDataFeed.Position(0, 4));
    }

    @Test
    void aLoopedPassIsShiftedBySpanPlusOneBar() {
        // span day1..day4 = 3 days, plus the 1d timeframe: P = 4 days, so pass 1 runs on days 5..8.
        ReplayFeed feed = ReplayFeed.of(twoSources(), true);
        assertThat(feed.loopPeriod()).isEqualTo(Duration.ofDays(4));

        List<TimeSlice> slices = drain(feed, 9);

        assertThat(slices).extracting(TimeSlice::time).containsExactly(day(1), day(2), day(3), day(4), day(5), day(6),
                day(7), day(8), day(9));
        TimeSlice shifted = slices.get(5);
        assertThat(shifted.bars()).containsExactly(bar("AAA", "1d", day(6), "11"), bar("BBB", "1d", day(6), "20"));
        assertThat(feed.position()).isEqualTo(new MarketDataFeed.Position(2, 1));
    }

    @Test
    void eventTimeKeepsIncreasingAcrossManyPasses() {
        ReplayFeed feed = ReplayFeed.of(twoSources(), true);

        List<TimeSlice> slices = drain(feed, 40);

        for (int i = 1; i < slices.size(); i++) {
            assertThat(slices.get(i).time()).isAfter(slices.get(i - 1).time());
        }
    }

    @Test
    void seekAfterResumesWithTheFirstSliceAfterTheGivenTime() {
        ReplayFeed feed = ReplayFeed.of(twoSources(), false);

        feed.seekAfter(day(2));
        assertThat(feed.next()).map(TimeSlice::time).contains(day(3));

        feed.seekAfter(day(2).plus(Duration.ofHours(12)));
        assertThat(feed.next()).map(TimeSlice::time).contains(day(3));

        feed.seekAfter(day(1).minus(Duration.ofDays(10)));
        assertThat(feed.next()).map(TimeSlice::time).contains(day(1));

        feed.seekAfter(null);
        assertThat(feed.next()).map(TimeSlice::time).contains(day(1));

        feed.seekAfter(day(4));
        assertThat(feed.next()).isEmpty();
    }

    @Test
    void seekAfterFindsThePassOfALoopedReplay() {
        ReplayFeed feed = ReplayFeed.of(twoSources(), true);

        feed.seekAfter(day(4));
        assertThat(feed.position()).isEqualTo(new MarketDataFeed.Position(1, 0));
        assertThat(feed.next()).map(TimeSlice::time).contains(day(5));

        feed.seekAfter(day(6));
        assertThat(feed.next()).map(TimeSlice::time).contains(day(7));
        assertThat(feed.position()).isEqualTo(new MarketDataFeed.Position(1, 3));

        // 100 days after day 1 is pass 25 (P = 4 days) at its first slice: the next is day 2 + 100 days.
        feed.seekAfter(day(101));
        assertThat(feed.next()).map(TimeSlice::time).contains(day(102));
    }

    @Test
    void aResumedReplayContinuesExactlyWhereTheUninterruptedOneWouldBe() {
        List<TimeSlice> uninterrupted = drain(ReplayFeed.of(twoSources(), true), 30);
        for (int stop = 1; stop < 29; stop++) {
            ReplayFeed resumed = ReplayFeed.of(twoSources(), true);
            resumed.seekAfter(uninterrupted.get(stop - 1).time());
            assertThat(drain(resumed, 30 - stop)).as("resumed after slice %d", stop)
                    .isEqualTo(uninterrupted.subList(stop, 30));
        }
    }

    @Test
    void theLongestTimeframeSetsTheLoopShift() {
        ReplayFeed feed = ReplayFeed.of(List.of(
                new ReplayFeed.Source("hourly", List.of(bar("AAA", "1h", day(1), "1"),
                        bar("AAA", "1h", day(1).plus(Duration.ofHours(1)), "1"))),
                new ReplayFeed.Source("daily", List.of(bar("BBB", "1d", day(1), "1")))), true);

        assertThat(feed.loopPeriod()).isEqualTo(Duration.ofHours(1).plus(Duration.ofDays(1)));
    }

    @Test
    void timeframesAreNormalizedToTheirShorthand() {
        ReplayFeed feed = ReplayFeed.of(List.of(new ReplayFeed.Source("iso", List.of(bar("AAA", "P1D", day(1), "1")))),
                false);

        assertThat(feed.instruments()).containsExactly(new Instrument("AAA", "1d"));
        assertThat(feed.next().orElseThrow().bars().get(0).timeframe()).isEqualTo("1d");
    }

    @Test
    void invalidSourcesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> ReplayFeed.of(List.of(), false)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ReplayFeed.of(List.of(new ReplayFeed.Source("empty", List.of())), false))
                .hasMessageContaining("empty has no bars");
        assertThatThrownBy(() -> ReplayFeed.of(List.of(twoSources().get(0), twoSources().get(0)), false))
                .hasMessageContaining("two replay sources carry AAA");
        assertThatThrownBy(() -> ReplayFeed.of(List.of(new ReplayFeed.Source("mixed",
                List.of(bar("AAA", "1d", day(1), "1"), bar("BBB", "1d", day(2), "1")))), false))
                .hasMessageContaining("mixes symbols");
        assertThatThrownBy(() -> ReplayFeed.of(List.of(new ReplayFeed.Source("backwards",
                List.of(bar("AAA", "1d", day(2), "1"), bar("AAA", "1d", day(1), "1")))), false))
                .hasMessageContaining("not in increasing time order");
        assertThatThrownBy(() -> ReplayFeed.of(List.of(new ReplayFeed.Source("frames",
                List.of(bar("AAA", "1d", day(1), "1"), bar("AAA", "1h", day(2), "1")))), false))
                .hasMessageContaining("mixes timeframes");
    }

    @Test
    void theBundledAppleYearIsOneSlicePerTradingDay() {
        List<Bar> apple = BundledData.load("aapl-2013").bars();
        ReplayFeed feed = ReplayFeed.of(List.of(new ReplayFeed.Source("aapl-2013", apple)), false);

        List<TimeSlice> slices = drain(feed, 1000);

        assertThat(slices).hasSize(252);
        assertThat(slices.stream().flatMap(slice -> slice.bars().stream()).toList()).isEqualTo(apple);
    }
}
