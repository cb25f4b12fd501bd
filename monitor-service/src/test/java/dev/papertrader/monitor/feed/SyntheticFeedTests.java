package dev.papertrader.monitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.data.SyntheticBars;
import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticFeedTests {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final List<String> SYMBOLS = List.of("SYN001", "SYN002", "SYN003", "SYN004");

    @Test
    void eachSliceHoldsOneBarOfEverySymbolInSymbolOrderOneTimeframeApart() {
        SyntheticFeed feed = new SyntheticFeed(7, SYMBOLS, "5m", START, 0);

        List<TimeSlice> slices = TestData.drain(feed, 20);

        assertThat(slices).hasSize(20);
        for (int i = 0; i < slices.size(); i++) {
            assertThat(slices.get(i).time()).isEqualTo(START.plus(Duration.ofMinutes(5L * i)));
            assertThat(TestData.symbols(slices.get(i))).isEqualTo(SYMBOLS);
        }
        List<Bar> expected = SyntheticBars.generate(7, SYMBOLS, "5m", START, Duration.ofMinutes(5), 20);
        assertThat(slices.stream().flatMap(slice -> slice.bars().stream()).toList()).isEqualTo(expected);
        assertThat(feed.instruments()).extracting(Instrument::timeframe).containsOnly("5m");
        assertThat(feed.position()).isEqualTo(new MarketDataFeed.Position(0, 20));
    }

    @Test
    void aResumedFeedContinuesWithTheSameBars() {
        List<TimeSlice> uninterrupted = TestData.drain(new SyntheticFeed(7, SYMBOLS, "1m", START, 0), 50);

        SyntheticFeed resumed = new SyntheticFeed(7, SYMBOLS, "1m", START, 0);
        resumed.seekAfter(uninterrupted.get(29).time());

        assertThat(resumed.position().offset()).isEqualTo(30);
        assertThat(TestData.drain(resumed, 20)).isEqualTo(uninterrupted.subList(30, 50));
    }

    @Test
    void seekingBeforeTheStartBeginsAtTheFirstSlice() {
        SyntheticFeed feed = new SyntheticFeed(7, SYMBOLS, "1m", START, 0);
        feed.seekAfter(START.minusSeconds(3600));

        assertThat(feed.next().orElseThrow().time()).isEqualTo(START);
    }

    @Test
    void aBarLimitEndsTheFeed() {
        SyntheticFeed feed = new SyntheticFeed(7, SYMBOLS, "1m", START, 3);

        assertThat(TestData.drain(feed, 10)).hasSize(3);
        feed.seekAfter(START.plus(Duration.ofHours(1)));
        assertThat(feed.next()).isEmpty();
    }

    @Test
    void symbolNamesArePaddedNumbersAfterThePrefix() {
        assertThat(SyntheticFeed.symbolNames("SYN", 3)).containsExactly("SYN001", "SYN002", "SYN003");
        assertThat(SyntheticFeed.symbolNames("X", 1000)).hasSize(1000).endsWith("X1000");
        assertThatThrownBy(() -> SyntheticFeed.symbolNames("SYN", 0)).hasMessageContaining("at least one symbol");
        assertThatThrownBy(() -> SyntheticFeed.symbolNames(" ", 2)).hasMessageContaining("prefix");
    }
}
