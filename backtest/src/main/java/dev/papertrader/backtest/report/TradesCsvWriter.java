package dev.papertrader.backtest.report;

import dev.papertrader.core.portfolio.RoundTrip;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code trades.csv}: one row per round trip, in the given order, with the header
 * {@code entry_time,entry_price,exit_time,exit_price,qty,pnl,direction,symbol,fees}. Times are ISO-8601 UTC
 * ({@code 2013-01-02T00:00:00Z}); prices, quantities, profit and fees are exact plain decimals; {@code pnl} is after
 * fees; {@code direction} is {@code LONG} or {@code SHORT}.
 */
public final class TradesCsvWriter {

    public static final String FILE_NAME = "trades.csv";
    static final String HEADER = "entry_time,entry_price,exit_time,exit_price,qty,pnl,direction,symbol,fees";

    private TradesCsvWriter() {
    }

    /** Writes {@code dir/trades.csv}, creating the directory if needed, replacing an older file; returns its path. */
    public static Path write(Path dir, List<RoundTrip> roundTrips) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                write(out, roundTrips);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public static void write(Writer out, List<RoundTrip> roundTrips) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (RoundTrip trip : roundTrips) {
            out.write(String.join(",",
                    CsvText.time(trip.entryTime()),
                    CsvText.decimal(trip.entryPrice()),
                    CsvText.time(trip.exitTime()),
                    CsvText.decimal(trip.exitPrice()),
                    CsvText.decimal(trip.qty()),
                    CsvText.decimal(trip.pnl()),
                    trip.direction() == null ? "" : trip.direction().name(),
                    CsvText.field(trip.symbol()),
                    CsvText.decimal(trip.fees())));
            out.write('\n');
        }
    }
}
