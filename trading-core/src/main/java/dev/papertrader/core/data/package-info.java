/**
 * Market data without I/O side effects: CSV bars ({@link dev.papertrader.core.data.CsvBars}), trades aggregated
 * into bars ({@link dev.papertrader.core.data.TradeAggregator}), the real data sets bundled on the classpath
 * ({@link dev.papertrader.core.data.BundledData}) and seeded synthetic bars
 * ({@link dev.papertrader.core.data.SyntheticBars}). Everything reads from a {@link java.io.Reader} or the
 * classpath and never writes files; prices and volumes are parsed straight into {@link java.math.BigDecimal}.
 */
package dev.papertrader.core.data;
