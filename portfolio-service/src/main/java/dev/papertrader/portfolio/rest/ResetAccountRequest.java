package dev.papertrader.portfolio.rest;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Starts an account afresh: no positions, no trades, an empty equity curve.
 *
 * @param startingCash positive, at most 10 decimals
 */
@Schema(description = "Starts an account afresh with this cash")
public record ResetAccountRequest(
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 10)
        @Schema(examples = "10000") BigDecimal startingCash) {
}
