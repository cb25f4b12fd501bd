package dev.papertrader.monitor.feed.binance;

import dev.papertrader.core.model.Bar;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One Binance kline (candlestick), from the kline stream ({@code k} of an {@code e:"kline"} event) or a row of
 * {@code GET /api/v3/klines}. Prices and volumes are Binance's decimal strings read as {@link BigDecimal}.
 *
 * @param interval  Binance's interval name ({@code 1m}, {@code 1h}, {@code 1d}...)
 * @param openTime  kline start time ({@code t}, or the row's first element)
 * @param closeTime the kline's last millisecond ({@code T})
 * @param volume    base asset volume ({@code v})
 * @param closed    whether the kline is final ({@code k.x}); REST rows are closed when they precede a closed kline
 * @param eventTime the stream event's time ({@code E}); null for REST rows
 */
public record BinanceKline(String symbol, String interval, Instant openTime, Instant closeTime, BigDecimal open,
        BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume, boolean closed, Instant eventTime) {

    /**
     * The kline as the monitor's bar of {@code timeframe}.
     *
     * @throws IllegalArgumentException when its prices break a bar's rules (non-positive, high below low...)
     */
    public Bar toBar(String timeframe) {
        return new Bar(symbol, timeframe, openTime, open, high, low, close, volume);
    }
}
