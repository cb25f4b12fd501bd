package dev.papertrader.monitor.feed;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What GET /feed reports. */
@Schema(description = "The market data feed's state")
public record FeedStatus(
        @Schema(description = "replay or synthetic") String type,
        @Schema(description = "whether slices are being published") boolean running,
        @Schema(description = "true once a replay without loop has published its last slice") boolean ended,
        @Schema(description = "slices published since the monitor's database was created") long slicesPublished,
        @Schema(description = "open time of the last published slice, null before the first") Instant lastSliceTime,
        @Schema(description = "replay passes completed") long loop,
        @Schema(description = "index of the next slice within the pass") long offset,
        @Schema(description = "slices per second, 0 for as fast as possible") double speed,
        @Schema(description = "whether a replay starts over at its end") boolean loopEnabled,
        @Schema(description = "the feed's symbols with their timeframes, in slice order") List<Instrument> instruments,
        @Schema(description = "strategy instances running (enabled watchlist entries)") int runningStrategies,
        @Schema(description = "slices that failed to commit and were retried") long failedCommits) {
}
