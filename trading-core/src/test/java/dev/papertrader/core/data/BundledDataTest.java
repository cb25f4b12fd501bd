package dev.papertrader.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values below were read off the files in ta4j-examples 0.18 (and summed with exact decimals). */
class BundledDataTest {

    private static Bar bar(String symbol, String timeframe, String openTime, String open, String high, String low,
            String close, String volume) {
        return new Bar(symbol, timeframe, Instant.parse(openTime), new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume));
    }

    private static BigDecimal totalVolume(List<Bar> bars) {
        return bars.stream().map(Bar::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void assertStrictlyAscendingAndAligned(List<Bar> bars, Duration step) {
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).openTime()).isAfter(bars.get(i - 1).openTime());
        }
        assertThat(bars).allSatisfy(bar -> assertThat(bar.openTime().toEpochMilli() % step.toMillis()).isZero());
    }

    @Test
    void namesAreStable() {
        assertThat(BundledData.names())
                .containsExactly("aapl-2013", "btc-bitstamp-2013-1m", "btc-bitstamp-2013-5m", "eth-2023-5m");
    }

    @Test
    void appleDailyBarsOf2013() {
        Dataset aapl = BundledData.load("aapl-2013");

        assertThat(aapl.name()).isEqualTo("aapl-2013");
        assertThat(aapl.symbol()).isEqualTo("AAPL");
        assertThat(aapl.timeframe()).isEqualTo("1d");
        assertThat(aapl.periodsPerYear()).isEqualTo(252);
        assertThat(aapl.bars()).hasSize(252);
        // First and last data lines of appleinc_bars_from_20130101_usd.csv.
        assertThat(aapl.bars().getFirst())
                .isEqualTo(bar("AAPL", "1d", "2013-01-02T00:00:00Z", "553.82", "555.00", "541.63", "549.03", "20018500"));
        assertThat(aapl.bars().getLast())
                .isEqualTo(bar("AAPL", "1d", "2013-12-31T00:00:00Z", "554.17", "561.28", "554.00", "561.02", "7967300"));
        assertStrictlyAscendingAndAligned(aapl.bars(), Duration.ofDays(1));
        assertThat(aapl.description()).contains("appleinc_bars_from_20130101_usd.csv");
    }

    @Test
    void bitstampTradesInOneMinuteBars() {
        Dataset btc = BundledData.load("btc-bitstamp-2013-1m");

        assertThat(btc.symbol()).isEqualTo("BTCUSD");
        assertThat(btc.timeframe()).isEqualTo("1m");
        assertThat(btc.periodsPerYear()).isEqualTo(525_600);
        // 100,000 trades fall into 9,399 distinct minutes between 2013-11-25T00:00 and 2013-12-01T16:02.
        assertThat(btc.bars()).hasSize(9_399);
        // The first minute has 11 trades: 800.01 first, 807.47 last and highest, 800.01 lowest.
        assertThat(btc.bars().getFirst()).isEqualTo(bar("BTCUSD", "1m", "2013-11-25T00:00:00Z",
                "800.010000000000", "807.470000000000", "800.010000000000", "807.470000000000", "2.856644460000"));
        assertThat(btc.bars().getLast()).isEqualTo(bar("BTCUSD", "1m", "2013-12-01T16:02:00Z",
                "999.000000000000", "999.000000000000", "994.220000000000", "999.000000000000", "1.370000000000"));
        // Every trade's amount lands in exactly one bar.
        assertThat(totalVolume(btc.bars())).isEqualTo(new BigDecimal("175778.654356770000"));
        assertStrictlyAscendingAndAligned(btc.bars(), Duration.ofMinutes(1));
        assertThat(btc.description()).contains("100000 Bitstamp trades");
    }

    @Test
    void bitstampTradesInFiveMinuteBars() {
        Dataset btc = BundledData.load("btc-bitstamp-2013-5m");

        assertThat(btc.timeframe()).isEqualTo("5m");
        assertThat(btc.periodsPerYear()).isEqualTo(105_120);
        assertThat(btc.bars()).hasSize(1_917);
        assertThat(btc.bars().getFirst()).isEqualTo(bar("BTCUSD", "5m", "2013-11-25T00:00:00Z",
                "800.010000000000", "807.470000000000", "800.010000000000", "806.500000000000", "5.752883840000"));
        assertThat(totalVolume(btc.bars())).isEqualTo(new BigDecimal("175778.654356770000"));
        assertStrictlyAscendingAndAligned(btc.bars(), Duration.ofMinutes(5));
    }

    @Test
    void ethFiveMinuteBarsOpenFiveMinutesBeforeTheirEndTime() {
        Dataset eth = BundledData.load("eth-2023-5m");

        assertThat(eth.symbol()).isEqualTo("ETHUSD");
        assertThat(eth.timeframe()).isEqualTo("5m");
        assertThat(eth.periodsPerYear()).isEqualTo(105_120);
        assertThat(eth.bars()).hasSize(580);
        // First entry: endTime 1678730699999 = 2023-03-13T18:04:59.999Z, so the bar opens at 18:00:00.
        assertThat(eth.bars().getFirst()).isEqualTo(
                bar("ETHUSD", "5m", "2023-03-13T18:00:00Z", "1673.58", "1677.62", "1672.44", "1672.99", "65.3033"));
        assertThat(eth.bars().getLast()).isEqualTo(
                bar("ETHUSD", "5m", "2023-03-15T18:15:00Z", "1625.59", "1631.73", "1624.2", "1629.52", "419.89"));
        // Exact decimals: a double detour would not sum to this exactly.
        assertThat(totalVolume(eth.bars())).isEqualByComparingTo("191721.49480");
        assertStrictlyAscendingAndAligned(eth.bars(), Duration.ofMinutes(5));
    }

    @Test
    void loadsAreCachedAndImmutable() {
        Dataset first = BundledData.load("aapl-2013");

        assertThat(BundledData.load("aapl-2013")).isSameAs(first);
        assertThatThrownBy(() -> first.bars().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> BundledData.load("msft-2020"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown data set 'msft-2020'; bundled: aapl-2013, btc-bitstamp-2013-1m, "
                        + "btc-bitstamp-2013-5m, eth-2023-5m");
    }

    @Test
    void loadAllMergesInTimeOrderWithTiesInTheGivenNameOrder() {
        List<Bar> merged = BundledData.loadAll("eth-2023-5m", "btc-bitstamp-2013-5m", "btc-bitstamp-2013-1m");

        assertThat(merged).hasSize(580 + 1_917 + 9_399);
        for (int i = 1; i < merged.size(); i++) {
            assertThat(merged.get(i).openTime()).isAfterOrEqualTo(merged.get(i - 1).openTime());
        }
        // BTC (2013) precedes ETH (2023); at 00:00 the 5m bar comes before the 1m bar, as the names were given.
        assertThat(merged.get(0).timeframe()).isEqualTo("5m");
        assertThat(merged.get(1).timeframe()).isEqualTo("1m");
        assertThat(merged.get(1).openTime()).isEqualTo(merged.get(0).openTime());
        assertThat(merged.getLast().symbol()).isEqualTo("ETHUSD");
    }
}
