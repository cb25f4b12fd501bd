package dev.papertrader.monitor.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A strategy the watchlist can name. */
@Schema(description = "A registered strategy with its parameters and their defaults")
public record StrategyResponse(String name, String description, Map<String, String> defaultParameters) {
}
