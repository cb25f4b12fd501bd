package dev.papertrader.monitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.data.BundledData;
import dev.papertrader.monitor.TestData;
import dev.papertrader.monitor.config.MonitorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedFactoryTests {

    static final String XYZ_CSV = "src/test/resources/xyz-2013q1.csv";

    static MarketDataFeed feed(Map<String, String> properties) {
        MonitorConfig config = TestData.config(properties);
        return FeedFactory.create(config.feed());
    }

    @Test
    void theDefaultIsTheAppleReplay() {
        MarketDataFeed feed = feed(Map.of());

        assertThat(feed.type()).isEqualTo("replay");
        assertThat(feed.instruments()).containsExactly(new Instrument("AAPL", "1d"));
        assertThat(((ReplayFeed) feed).sliceCount()).isEqualTo(252);
    }

    @Test
    void dataSetsAndCsvFilesAreMergedInTheOrderGiven() {
        MarketDataFeed feed = feed(Map.of("papertrader.monitor.feed.datasets", "aapl-2013,eth-2023-5m",
                "papertrader.monitor.feed.csv", "XYZ:P1D:" + XYZ_CSV));

        assertThat(feed.instruments()).containsExactly(new Instrument("AAPL", "1d"), new Instrument("ETHUSD", "5m"),
                new Instrument("XYZ", "1d"));
        // AAPL trades on 2013-01-02, XYZ every day: that slice holds both, AAPL first.
        feed.seekAfter(Instant.parse("2013-01-01T00:00:00Z"));
        TimeSlice second = feed.next().orElseThrow();
        assertThat(TestData.symbols(second)).containsExactly("AAPL", "XYZ");
        assertThat(((ReplayFeed) feed).sliceCount()).isEqualTo(252 + 580 + 90 - 60); // AAPL traded 60 days of Q1 2013, XYZ every day
    }

    @Test
    void csvOnlyWithDatasetsNone() {
        MarketDataFeed feed = feed(Map.of("papertrader.monitor.feed.datasets", "none",
                "papertrader.monitor.feed.csv", "XYZ:1d:" + XYZ_CSV, "papertrader.monitor.feed.loop", "true"));

        assertThat(feed.instruments()).containsExactly(new Instrument("XYZ", "1d"));
        assertThat(((ReplayFeed) feed).loopPeriod()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void theSyntheticFeedTakesItsSymbolsSeedAndTimeframe() {
        MarketDataFeed feed = feed(Map.of("papertrader.monitor.feed.type", "synthetic",
                "papertrader.monitor.feed.synthetic.symbols", "12", "papertrader.monitor.feed.synthetic.timeframe", "5m"));

        assertThat(feed.type()).isEqualTo("synthetic");
        assertThat(feed.instruments()).hasSize(12).first().isEqualTo(new Instrument("SYN001", "5m"));
        assertThat(feed.next().orElseThrow().bars()).hasSize(12);
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.type", "live")))
                .hasMessageContaining("papertrader.monitor.feed.type must be replay or synthetic");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.datasets", "spx-1929")))
                .hasMessageContaining("papertrader.monitor.feed.datasets: unknown data set 'spx-1929'");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.speed", "-2")))
                .hasMessageContaining("papertrader.monitor.feed.speed");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.csv", "XYZ:" + XYZ_CSV)))
                .hasMessageContaining("SYMBOL:TIMEFRAME:PATH");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.csv", "XYZ:weekly:" + XYZ_CSV)))
                .hasMessageContaining("papertrader.monitor.feed.csv");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.csv", "XYZ:1d:/no/such/file.csv")))
                .hasMessageContaining("cannot read /no/such/file.csv");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.csv", "AAPL:1d:" + XYZ_CSV)))
                .hasMessageContaining("two replay sources carry AAPL");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.datasets", "none")))
                .hasMessageContaining("at least one data set or CSV file");
        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.type", "synthetic",
                "papertrader.monitor.feed.synthetic.symbols", "0")))
                .hasMessageContaining("papertrader.monitor.feed.synthetic: the synthetic feed needs at least one symbol");
    }

    @Test
    void aBadCsvRowIsReportedWithItsFileAndLine(@TempDir Path directory) throws Exception {
        Path csv = directory.resolve("bad.csv");
        Files.writeString(csv, "date,open,high,low,close,volume\n2013-01-02,10,9,8,9,100\n");

        assertThatThrownBy(() -> feed(Map.of("papertrader.monitor.feed.csv", "BAD:1d:" + csv)))
                .hasMessageContaining(csv.toString()).hasMessageContaining("line 2");
    }

    @Test
    void bundledNamesAreTheOnesTheConfigDocuments() {
        assertThat(BundledData.names()).containsExactly("aapl-2013", "btc-bitstamp-2013-1m", "btc-bitstamp-2013-5m",
                "eth-2023-5m");
    }
}
