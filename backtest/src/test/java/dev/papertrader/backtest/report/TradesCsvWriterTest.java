package dev.papertrader.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradesCsvWriterTest {

    @Test
    void oneRowPerRoundTripWithIsoTimesPlainDecimalsAndQuotedSymbols() throws IOException {
        StringWriter out = new StringWriter();

        TradesCsvWriter.write(out, List.of(ReportFixtures.longTrade(), ReportFixtures.shortTrade()));

        assertThat(out.toString()).isEqualTo("""
                entry_time,entry_price,exit_time,exit_price,qty,pnl,direction,symbol,fees
                2013-01-02T00:00:00Z,553.82,2013-01-03T00:00:00Z,560.10,10,61.80,LONG,AAPL,1.00
                2013-01-03T00:00:00Z,300,2013-01-04T00:00:00Z,310.5,0.5,-5.75,SHORT,"BRK,B",0.5
                """);
    }

    @Test
    void largeAndTinyDecimalsStayPlain() throws IOException {
        var trip = ReportFixtures.longTrade();
        var scientific = new dev.papertrader.core.portfolio.RoundTrip(trip.accountId(), trip.symbol(),
                trip.direction(), trip.entryTime(), new java.math.BigDecimal("1E+3"), trip.exitTime(),
                new java.math.BigDecimal("0.00000001"), trip.qty(), trip.pnl(), trip.fees());
        StringWriter out = new StringWriter();

        TradesCsvWriter.write(out, List.of(scientific));

        assertThat(out.toString()).contains(",1000,").contains(",0.00000001,");
    }

    @Test
    void writesTradesCsvIntoTheDirectoryCreatingIt(@TempDir Path temp) throws IOException {
        Path file = TradesCsvWriter.write(temp.resolve("run/1"), List.of());

        assertThat(file).isEqualTo(temp.resolve("run/1/trades.csv"));
        assertThat(Files.readString(file)).isEqualTo(TradesCsvWriter.HEADER + "\n");
    }
}
