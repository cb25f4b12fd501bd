package dev.papertrader.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTradesTest {

    @Test
    void readsEpochSecondsWithFractionsAndExactDecimals() {
        List<Trade> trades = CsvTrades.read(new StringReader("""
                timestamp,price,amount
                1385337600,800.010000000000,0.100000000000
                1385337613.25,800.05,0
                """));

        assertThat(trades).containsExactly(
                new Trade(Instant.parse("2013-11-25T00:00:00Z"), new BigDecimal("800.010000000000"),
                        new BigDecimal("0.100000000000")),
                new Trade(Instant.parse("2013-11-25T00:00:13.250Z"), new BigDecimal("800.05"), BigDecimal.ZERO));
    }

    @Test
    void acceptsAnIsoTimeColumnInstead() {
        List<Trade> trades = CsvTrades.read(new StringReader("Amount,Price,Time\n2,10.5,2024-01-01T00:00:01Z\n"));

        assertThat(trades).containsExactly(
                new Trade(Instant.parse("2024-01-01T00:00:01Z"), new BigDecimal("10.5"), new BigDecimal("2")));
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> CsvTrades.read(new StringReader("price,amount\n1,1\n")))
                .hasMessageStartingWith("line 1: header lacks column timestamp|time");
        assertThatThrownBy(() -> CsvTrades.read(new StringReader("timestamp,price,amount\n1,1,1\n2,0,1\n")))
                .hasMessage("line 3: price must be positive, was 0");
        assertThatThrownBy(() -> CsvTrades.read(new StringReader("time,price,amount\nyesterday,1,1\n")))
                .hasMessageStartingWith("line 2: column 'time': bad date 'yesterday'");
    }
}
