package dev.papertrader.monitor.rest;

import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new watchlist entry. */
@Schema(description = "A strategy to run on a symbol's bars")
public record WatchlistEntryRequest(
        @NotBlank @Schema(examples = "AAPL") String symbol,
        @NotBlank @Schema(description = "bar timeframe: 1m, 5m, 1h, 1d or ISO-8601", examples = "1d") String timeframe,
        @NotBlank @Schema(description = "registry name (GET /strategies)", examples = "macd-crossover") String strategy,
        @Schema(description = "parameters by name; missing ones take the strategy's defaults") Map<String, String> parameters,
        @Schema(description = "whether it runs; true when absent") Boolean enabled) {
}
