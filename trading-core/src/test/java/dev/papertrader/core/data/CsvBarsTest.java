package dev.papertrader.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvBarsTest {

    private static List<Bar> read(String csv) {
        return CsvBars.read(new StringReader(csv), "AAPL", "1d");
    }

    @Test
    void readsExactDecimalsAndIsoDatesAsStartOfDayUtc() {
        List<Bar> bars = read("""
                date,open,high,low,close,volume
                2013-01-02,553.82,555.00,541.63,549.03,20018500
                2013-01-03,547.88,549.67,541.00,542.10,12605900
                """);

        assertThat(bars).hasSize(2);
        Bar first = bars.getFirst();
        assertThat(first.symbol()).isEqualTo("AAPL");
        assertThat(first.timeframe()).isEqualTo("1d");
        assertThat(first.openTime()).isEqualTo(Instant.parse("2013-01-02T00:00:00Z"));
        // Exact text, scale included: the value never went through a double.
        assertThat(first.open()).isEqualTo(new BigDecimal("553.82"));
        assertThat(first.high()).isEqualTo(new BigDecimal("555.00"));
        assertThat(first.low()).isEqualTo(new BigDecimal("541.63"));
        assertThat(first.close()).isEqualTo(new BigDecimal("549.03"));
        assertThat(first.volume()).isEqualTo(new BigDecimal("20018500"));
    }

    @Test
    void headerIsCaseInsensitiveInAnyOrderAndExtraColumnsAreIgnored() {
        List<Bar> bars = read("""
                Volume,CLOSE,Date,Note,High,low,Open
                100,10.5,2024-03-01,"rally, then fade",11,9.5,10
                """);

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.open()).isEqualTo(new BigDecimal("10"));
            assertThat(bar.high()).isEqualTo(new BigDecimal("11"));
            assertThat(bar.low()).isEqualTo(new BigDecimal("9.5"));
            assertThat(bar.close()).isEqualTo(new BigDecimal("10.5"));
            assertThat(bar.volume()).isEqualTo(new BigDecimal("100"));
        });
    }

    @Test
    void dateTimesWithZoneOffsetOrLocalAreConvertedToUtc() {
        List<Bar> bars = CsvBars.read(new StringReader("""
                date,open,high,low,close,volume
                2024-03-01T14:30:00Z,10,11,9,10,1
                2024-03-01T09:35:00-05:00,10,11,9,10,1
                2024-03-01T14:40,10,11,9,10,1
                2024-03-01 14:45:00,10,11,9,10,1
                2024-03-01T15:50:00+01:00[Europe/Paris],10,11,9,10,1
                """), "SPY", "5m");

        assertThat(bars).extracting(Bar::openTime).containsExactly(
                Instant.parse("2024-03-01T14:30:00Z"),
                Instant.parse("2024-03-01T14:35:00Z"),
                Instant.parse("2024-03-01T14:40:00Z"),
                Instant.parse("2024-03-01T14:45:00Z"),
                Instant.parse("2024-03-01T14:50:00Z"));
    }

    @Test
    void blankLinesCrLfAndByteOrderMarkAreTolerated() {
        List<Bar> bars = read("\uFEFFdate,open,high,low,close,volume\r\n\r\n2013-01-02,1,2,1,2,5\r\n   \r\n"
                + "2013-01-03,2,3,1,1,6\r\n\r\n");

        assertThat(bars).extracting(Bar::close).containsExactly(new BigDecimal("2"), new BigDecimal("1"));
    }

    @Test
    void unsortedRowsAreSortedAscending() {
        List<Bar> bars = read("""
                date,open,high,low,close,volume
                2013-01-04,3,3,3,3,1
                2013-01-02,1,1,1,1,1
                2013-01-03,2,2,2,2,1
                """);

        assertThat(bars).extracting(Bar::open)
                .containsExactly(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("3"));
    }

    @Test
    void duplicateTimesAreRejectedNamingBothLines() {
        assertThatThrownBy(() -> read("""
                date,open,high,low,close,volume
                2013-01-02,1,1,1,1,1
                2013-01-03,2,2,2,2,1
                2013-01-02T00:00:00Z,3,3,3,3,1
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 4: duplicate bar time 2013-01-02T00:00:00Z (already on line 2)");
    }

    @Test
    void missingHeaderColumnIsReportedOnLineOne() {
        assertThatThrownBy(() -> read("""
                date,open,high,low,close
                2013-01-02,1,1,1,1
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 1: header lacks column volume (header is 'date,open,high,low,close')");
    }

    @Test
    void repeatedHeaderColumnIsRejected() {
        assertThatThrownBy(() -> read("date,open,high,low,close,volume,Close\n"))
                .hasMessage("line 1: header names column 'close' twice");
    }

    @Test
    void badNumberIsReportedWithItsLineCountingBlankLines() {
        assertThatThrownBy(() -> read("""
                date,open,high,low,close,volume
                2013-01-02,1,1,1,1,1

                2013-01-03,abc,1,1,1,1
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 4: bad number in column 'open': 'abc'");
    }

    @Test
    void highBelowLowIsReportedWithItsLine() {
        assertThatThrownBy(() -> read("""
                date,open,high,low,close,volume
                2013-01-02,1,1,2,1,1
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: high 1 is below low 2");
    }

    @Test
    void otherBarRulesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2013-01-02,5,4,3,4,1\n"))
                .hasMessage("line 2: open and close must lie within [low, high]");
        assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2013-01-02,1,1,1,1,-1\n"))
                .hasMessage("line 2: volume must not be negative, was -1");
    }

    @Test
    void missingValueAndShortRowAreReported() {
        assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2013-01-02,1,1,,1,1\n"))
                .hasMessage("line 2: missing value for column 'low'");
        assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2013-01-02,1,1,1,1\n"))
                .hasMessage("line 2: missing value for column 'volume'");
    }

    @Test
    void badDateIsReportedWithItsLine() {
        assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2013-01-02,1,1,1,1,1\n02/01/2013,1,1,1,1,1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 3: column 'date': bad date '02/01/2013'");
    }

    @Test
    void emptyInputAndUnterminatedQuoteAreReported() {
        assertThatThrownBy(() -> read("\n\n")).hasMessageStartingWith("line 1: no header, the input is empty");
        assertThatThrownBy(() -> read("date,open,high,low,close,volume\n2013-01-02,1,1,1,1,1,\"oops\n"))
                .hasMessage("line 2: unterminated quoted field");
    }

    @Test
    void headerOnlyGivesNoBars() {
        assertThat(read("date,open,high,low,close,volume\n")).isEmpty();
    }

    @Test
    void symbolAndTimeframeAreCheckedBeforeReading() {
        assertThatThrownBy(() -> CsvBars.read(new StringReader(""), " ", "1d")).hasMessage("symbol is required");
        assertThatThrownBy(() -> CsvBars.read(new StringReader(""), "AAPL", "daily"))
                .hasMessageContaining("timeframe 'daily'");
    }
}
