package dev.papertrader.monitor.backfill;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * POST /backfill.
 *
 * @param from       first open time: an ISO-8601 instant or date
 * @param to         end of the range, exclusive; a date alone means the end of that day (so from 2024-01-01 to
 *                   2024-01-31 is the whole of January)
 * @param strategies strategy names, each with optional parameters; none: the watchlist's on the symbol, else all
 */
@Schema(description = "A backfill: symbol, interval, range, source, strategies")
public record BackfillRequest(
        @NotBlank @Schema(example = "BTCUSDT") String symbol,
        @NotBlank @Schema(example = "1h") String interval,
        @NotBlank @Schema(example = "2024-01-01") String from,
        @NotBlank @Schema(example = "2024-01-31") String to,
        @NotBlank @Schema(description = "binance, csv:FILE or bundled:NAME", example = "binance") String source,
        List<Strategy> strategies) {

    /** A strategy and its parameters (missing ones take the defaults). */
    public record Strategy(@NotBlank String name, Map<String, String> parameters) {
    }
}
