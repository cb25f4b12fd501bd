package dev.papertrader.backtest;

import dev.papertrader.core.strategy.IndicatorRow;
import dev.papertrader.core.strategy.IndicatorTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code papertrader indicators}: the seed strategies' indicator inputs per bar, so users can check them. */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = "Writes date, rsi14, macd, macd_signal, macd_hist, tsi, tsi_signal per bar (blank while warming up).")
public class IndicatorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "CSV file or bundled data set name.")
    String data;

    @Option(names = "--symbol", description = "Symbol of the CSV's bars (default: the file name).")
    String symbol;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        BarSource source;
        try {
            source = BarSource.load(data, symbol, null);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<IndicatorRow> rows = IndicatorTable.compute(source.bars());
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8); PrintWriter csv = new PrintWriter(file)) {
            csv.println("date,rsi14,macd,macd_signal,macd_hist,tsi,tsi_signal");
            for (IndicatorRow row : rows) {
                csv.println(String.join(",", row.time().toString(), cell(row.rsi14()), cell(row.macd()),
                        cell(row.macdSignal()), cell(row.macdHist()), cell(row.tsi()), cell(row.tsiSignal())));
            }
        }
        System.out.printf("wrote %d rows to %s%n", rows.size(), out);
        return 0;
    }

    private static String cell(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
