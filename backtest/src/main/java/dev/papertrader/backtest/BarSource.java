package dev.papertrader.backtest;

import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.data.CsvBars;
import dev.papertrader.core.data.Dataset;
import dev.papertrader.core.model.Bar;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the bars of a run come from: a CSV file ({@code date,open,high,low,close,volume}) or a bundled data set
 * by name. A file wins when both a file and a data set have the name.
 *
 * @param periodsPerYear the data set's own periods per year, or NaN for a CSV file (the caller decides)
 */
record BarSource(String name, String symbol, String timeframe, List<Bar> bars, double periodsPerYear) {

    static BarSource load(String data, String symbol, String timeframe) {
        Path file = Path.of(data);
        if (Files.isRegularFile(file)) {
            String resolvedSymbol = symbol != null ? symbol : symbolFromFileName(file);
            String resolvedTimeframe = timeframe != null ? timeframe : "1d";
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return new BarSource(file.toString(), resolvedSymbol, resolvedTimeframe,
                        CsvBars.read(reader, resolvedSymbol, resolvedTimeframe), Double.NaN);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (!BundledData.names().contains(data)) {
            throw new IllegalArgumentException("'" + data + "' is neither a readable CSV file nor a bundled data set ("
                    + String.join(", ", BundledData.names()) + ")");
        }
        Dataset dataset = BundledData.load(data);
        if (symbol != null && !symbol.equals(dataset.symbol())) {
            throw new IllegalArgumentException("data set " + data + " holds " + dataset.symbol() + ", not " + symbol);
        }
        return new BarSource(dataset.name(), dataset.symbol(), dataset.timeframe(), dataset.bars(),
                dataset.periodsPerYear());
    }

    private static String symbolFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toUpperCase(Locale.ROOT);
    }
}
