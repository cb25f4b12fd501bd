package dev.papertrader.router.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /halt}: why the router is stopped. */
@Schema(description = "Kill switch")
public record HaltRequest(@NotBlank @Size(max = 500) @Schema(examples = "market closed early") String reason) {
}
