package dev.papertrader.backtest.report;

import dev.papertrader.core.portfolio.EquityPoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code equity.csv}: the equity curve, one row per point, with the header {@code time,equity,cash,drawdown}.
 * {@code time} is ISO-8601 UTC; {@code equity} and {@code cash} are exact plain decimals; {@code drawdown} is the
 * fraction below the running peak of equity, {@code (peak − equity) / peak} (0 at a new high, 0.1 when 10 % below),
 * left empty while the peak is not positive.
 */
public final class EquityCsvWriter {

    public static final String FILE_NAME = "equity.csv";
    static final String HEADER = "time,equity,cash,drawdown";

    private EquityCsvWriter() {
    }

    /** Writes {@code dir/equity.csv}, creating the directory if needed, replacing an older file; returns its path. */
    public static Path write(Path dir, List<EquityPoint> equityCurve) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                write(out, equityCurve);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public static void write(Writer out, List<EquityPoint> equityCurve) throws IOException {
        List<BigDecimal> drawdowns = Drawdowns.of(equityCurve);
        out.write(HEADER);
        out.write('\n');
        for (int i = 0; i < equityCurve.size(); i++) {
            EquityPoint point = equityCurve.get(i);
            out.write(String.join(",",
                    CsvText.time(point.time()),
                    CsvText.decimal(point.equity()),
                    CsvText.decimal(point.cash()),
                    CsvText.decimal(drawdowns.get(i))));
            out.write('\n');
        }
    }
}
