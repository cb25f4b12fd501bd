package dev.papertrader.monitor.feed;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The health of a live feed's exchange connection: in GET /feed/health, the readiness check and metrics.
 *
 * @param lagMillis arrival time minus the exchange's event time ({@code E}) of the last kline frame; null before one
 */
@Schema(description = "A live feed's connection health")
public record FeedHealth(
        @Schema(description = "feed type, e.g. binance") String type,
        @Schema(description = "whether the exchange connection is open") boolean connected,
        @Schema(description = "symbols subscribed on the exchange") List<String> subscribed,
        @Schema(description = "open time of the last closed bar received") Instant lastBarTime,
        @Schema(description = "when the last frame (message or ping) arrived") Instant lastFrameAt,
        @Schema(description = "arrival minus exchange event time of the last kline frame, ms") Long lagMillis,
        @Schema(description = "when the connection was last lost (or first failed); null while never lost")
        Instant disconnectedSince,
        @Schema(description = "connections opened after the first") long reconnects,
        @Schema(description = "closed bars received twice (dropped)") long duplicates,
        @Schema(description = "closed bars received after their slice was published (dropped)") long late,
        @Schema(description = "frames that could not be read (dropped)") long malformed,
        @Schema(description = "bars fetched from the exchange's REST history to fill gaps") long recoveredBars,
        @Schema(description = "bars of gaps given up after the retries") long abandonedBars,
        @Schema(description = "REST answers 429 or 418 (rate limited), each waited out per Retry-After")
        long rateLimited,
        @Schema(description = "whether a gap is being fetched (slices wait for it)") boolean recovering,
        @Schema(description = "the last connection or REST error, null when none") String lastError) {
}
