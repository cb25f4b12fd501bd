package dev.papertrader.portfolio.rest;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A paper account to open.
 *
 * @param accountId    1 to 64 letters, digits, '.', '_' or '-' (ids appear in message ids, separated by '|')
 * @param startingCash positive, at most 10 decimals
 */
@Schema(description = "A paper account to open")
public record NewAccountRequest(
        @NotNull @Pattern(regexp = ACCOUNT_ID, message = ACCOUNT_ID_RULE)
        @Schema(examples = "swing-1") String accountId,
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 10)
        @Schema(examples = "10000") BigDecimal startingCash) {

    /** The form of an account id. */
    public static final String ACCOUNT_ID = "[A-Za-z0-9._-]{1,64}";
    static final String ACCOUNT_ID_RULE = "must be 1 to 64 letters, digits, '.', '_' or '-'";
}
