package dev.papertrader.monitor.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change to a watchlist entry; an absent field keeps its value. */
@Schema(description = "Enable or disable an entry, or replace its parameters")
public record WatchlistUpdateRequest(
        @Schema(description = "whether it runs") Boolean enabled,
        @Schema(description = "the new parameters (replacing all the old ones); missing ones take the defaults")
        Map<String, String> parameters) {
}
