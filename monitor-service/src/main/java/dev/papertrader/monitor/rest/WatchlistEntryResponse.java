package dev.papertrader.monitor.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A watchlist entry. */
@Schema(description = "A strategy running (or not) on a symbol's bars; entries run in id order")
public record WatchlistEntryResponse(
        long id,
        String symbol,
        @Schema(description = "normalized timeframe, e.g. 1d") String timeframe,
        String strategy,
        @Schema(description = "the parameters given") Map<String, String> parameters,
        @Schema(description = "the parameters it runs with, defaults included") Map<String, String> effectiveParameters,
        boolean enabled) {
}
