package dev.papertrader.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeAggregatorTest {

    private static Trade trade(String time, String price, String amount) {
        return new Trade(Instant.parse(time), new BigDecimal(price), new BigDecimal(amount));
    }

    private static Bar bar(String openTime, String timeframe, String open, String high, String low, String close,
            String volume) {
        return new Bar("BTCUSD", timeframe, Instant.parse(openTime), new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume));
    }

    @Test
    void handCaseOneMinuteBarsSkipEmptyMinutes() {
        // Given out of order on purpose: the aggregator orders trades by time.
        List<Trade> trades = List.of(
                trade("2013-11-25T00:00:10Z", "100", "1"),
                trade("2013-11-25T00:00:50Z", "105", "2"),
                trade("2013-11-25T00:00:30Z", "95", "0.5"),
                trade("2013-11-25T00:01:05Z", "101", "1"),
                trade("2013-11-25T00:03:00Z", "99", "3"),
                trade("2013-11-25T00:03:59.999Z", "98", "0"));

        List<Bar> bars = TradeAggregator.aggregate(trades, "BTCUSD", Duration.ofMinutes(1));

        // 00:00 → open 100 (00:00:10), high 105, low 95, close 105 (00:00:50, the last), volume 1 + 2 + 0.5
        // 00:01 → one trade; 00:02 → no trades, no bar; 00:03 → 99 then 98, volume 3 + 0
        assertThat(bars).containsExactly(
                bar("2013-11-25T00:00:00Z", "1m", "100", "105", "95", "105", "3.5"),
                bar("2013-11-25T00:01:00Z", "1m", "101", "101", "101", "101", "1"),
                bar("2013-11-25T00:03:00Z", "1m", "99", "99", "98", "98", "3"));
    }

    @Test
    void barsAlignToMultiplesOfTheTimeframeSinceTheEpoch() {
        List<Trade> trades = List.of(
                trade("2013-11-25T00:04:59Z", "10", "1"),
                trade("2013-11-25T00:05:00Z", "11", "1"),
                trade("2013-11-25T00:09:59.999Z", "12", "1"));

        List<Bar> bars = TradeAggregator.aggregate(trades, "BTCUSD", Duration.ofMinutes(5));

        assertThat(bars).containsExactly(
                bar("2013-11-25T00:00:00Z", "5m", "10", "10", "10", "10", "1"),
                bar("2013-11-25T00:05:00Z", "5m", "11", "12", "11", "12", "2"));
    }

    @Test
    void tradesAtTheSameTimeKeepTheirGivenOrder() {
        List<Trade> trades = List.of(
                trade("2024-01-01T00:00:07Z", "3", "1"),
                trade("2024-01-01T00:00:05Z", "1", "1"),
                trade("2024-01-01T00:00:05Z", "2", "1"));

        assertThat(TradeAggregator.aggregate(trades, "BTCUSD", Duration.ofDays(1)))
                .containsExactly(bar("2024-01-01T00:00:00Z", "1d", "1", "3", "1", "3", "3"));
    }

    @Test
    void noTradesNoBars() {
        assertThat(TradeAggregator.aggregate(List.of(), "BTCUSD", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void rejectsTimeframesThatAreNotWholeMillisecondsOrPositive() {
        assertThatThrownBy(() -> TradeAggregator.aggregate(List.of(), "BTCUSD", Duration.ofNanos(1500)))
                .hasMessageContaining("whole number of milliseconds");
        assertThatThrownBy(() -> TradeAggregator.aggregate(List.of(), "BTCUSD", Duration.ZERO))
                .hasMessageContaining("must be positive");
    }

    @Test
    void tradeRejectsNonPositivePriceAndNegativeAmount() {
        assertThatThrownBy(() -> trade("2024-01-01T00:00:00Z", "0", "1")).hasMessage("price must be positive, was 0");
        assertThatThrownBy(() -> trade("2024-01-01T00:00:00Z", "1", "-1"))
                .hasMessage("amount must not be negative, was -1");
    }
}
