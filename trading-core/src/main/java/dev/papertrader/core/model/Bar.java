package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.nonNegative;
import static dev.papertrader.core.model.Checks.positive;
import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One closed OHLCV bar, published on {@code market.bars}.
 *
 * @param symbol    instrument, e.g. {@code AAPL}, {@code BTCUSD}
 * @param timeframe bar length as an ISO-8601 duration or shorthand ({@code 1d}, {@code 5m})
 * @param openTime  start of the bar; the bar's identity and its event time
 * @param volume    traded quantity in the bar (units of the instrument)
 */
public record Bar(String symbol, String timeframe, Instant openTime, BigDecimal open, BigDecimal high,
        BigDecimal low, BigDecimal close, BigDecimal volume) {

    public Bar {
        requiredText(symbol, "symbol");
        requiredText(timeframe, "timeframe");
        required(openTime, "openTime");
        positive(open, "open");
        positive(high, "high");
        positive(low, "low");
        positive(close, "close");
        nonNegative(volume, "volume");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("high " + high + " is below low " + low);
        }
        if (open.compareTo(high) > 0 || open.compareTo(low) < 0 || close.compareTo(high) > 0 || close.compareTo(low) < 0) {
            throw new IllegalArgumentException("open and close must lie within [low, high]");
        }
    }

    /** Stable id: a bar is identified by its symbol, timeframe and open time. */
    public String id() {
        return symbol + "|" + timeframe + "|" + openTime;
    }
}
