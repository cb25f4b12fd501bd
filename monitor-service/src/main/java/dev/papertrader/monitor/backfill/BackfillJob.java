package dev.papertrader.monitor.backfill;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A backfill job as stored in {@code backfill_jobs}, with its report once done. */
@Schema(description = "A backfill job: progress, then the report")
public record BackfillJob(
        @Schema(description = "content-derived id: the same request resumes the same job") String id,
        BackfillSpec spec,
        @Schema(description = "loading, evaluating, done or failed") String status,
        @Schema(description = "open time of the last bar stored (the resume point)") Instant loadedThrough,
        long barsLoaded,
        @Schema(description = "bars the range holds at most (range / timeframe)") long barsExpected,
        @Schema(description = "loading progress in [0, 1]; 1 once done") double progress,
        String error,
        BackfillReport report) {

    public static final String LOADING = "loading";
    public static final String EVALUATING = "evaluating";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
