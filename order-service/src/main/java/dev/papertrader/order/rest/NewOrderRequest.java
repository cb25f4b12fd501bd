package dev.papertrader.order.rest;

import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A manual order: the fields of {@link Order} but its id and creation time, which the service gives it. Exactly one
 * of {@code qty} and {@code notional}; {@code limitPrice} exactly for LIMIT and STOP_LIMIT, {@code stopPrice} exactly
 * for STOP and STOP_LIMIT; {@code timeInForce} defaults to GTC.
 */
@Schema(description = "A manual order; the service assigns its id and creation time")
@NewOrderRequest.ConsistentShape
public record NewOrderRequest(
        @Schema(description = "Signal it answers, if any") String signalId,
        @NotBlank String accountId,
        @NotBlank String symbol,
        @NotNull Side side,
        @NotNull OrderType type,
        @Positive @Schema(description = "Quantity; or give notional") BigDecimal qty,
        @Positive @Schema(description = "Cash amount; or give qty") BigDecimal notional,
        @Positive BigDecimal limitPrice,
        @Positive BigDecimal stopPrice,
        @Schema(defaultValue = "GTC") TimeInForce timeInForce) {

    /** The order this request describes, with the id and creation time the service chose. */
    public Order toOrder(String id, Instant createdAt) {
        return new Order(id, signalId, accountId, symbol, side, type, qty, notional, limitPrice, stopPrice,
                timeInForce == null ? TimeInForce.GTC : timeInForce, createdAt);
    }

    /** The rules between fields, reported on the field at fault. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = ShapeValidator.class)
    public @interface ConsistentShape {
        String message() default "inconsistent order";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Checks {@link ConsistentShape}: one violation per field at fault, with the rule it breaks. */
    public static final class ShapeValidator implements ConstraintValidator<ConsistentShape, NewOrderRequest> {

        @Override
        public boolean isValid(NewOrderRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (request.qty() == null && request.notional() == null) {
                valid = violation(context, "qty", "either qty or notional is required");
            } else if (request.qty() != null && request.notional() != null) {
                valid = violation(context, "notional", "must be absent when qty is given");
            }
            if (request.type() != null) {
                boolean needsLimit = request.type() == OrderType.LIMIT || request.type() == OrderType.STOP_LIMIT;
                boolean needsStop = request.type() == OrderType.STOP || request.type() == OrderType.STOP_LIMIT;
                if (needsLimit != (request.limitPrice() != null)) {
                    valid = violation(context, "limitPrice", needsLimit ? "is required for a " + request.type() + " order"
                            : "is not allowed for a " + request.type() + " order");
                }
                if (needsStop != (request.stopPrice() != null)) {
                    valid = violation(context, "stopPrice", needsStop ? "is required for a " + request.type() + " order"
                            : "is not allowed for a " + request.type() + " order");
                }
            }
            return valid;
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String reason) {
            context.buildConstraintViolationWithTemplate(reason).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
