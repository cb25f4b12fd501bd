package dev.papertrader.monitor.rest;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored signal: the published {@code Signal} plus the watchlist entry and timeframe it came from. */
@Schema(description = "A signal emitted by a watchlist strategy, as published on trading.signals")
public record SignalResponse(
        @Schema(description = "stable id: a UUID of strategy, symbol, bar time and type") String id,
        String strategy,
        String symbol,
        String timeframe,
        @Schema(enumeration = {"BUY", "SELL"}) String type,
        @Schema(description = "confidence in [0, 1]") BigDecimal strength,
        @Schema(description = "open time of the bar that triggered it (event time)") Instant barTime,
        @Schema(description = "the bar's close") BigDecimal price,
        @Schema(description = "ATR(14) at the bar, null while it warms up") BigDecimal atr,
        @Schema(description = "when the monitor published it (informational)") Instant emittedAt,
        @Schema(description = "the watchlist entry whose strategy emitted it") long watchlistId) {
}
