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
 * for STOP and STOP_LIMIT, exactly one of {@code trailPrice} and {@code trailPercent} for TRAILING_STOP (neither for
 * the other types); {@code timeInForce} defaults to GTC. {@code parentId}, {@code ocoGroup} and
 * {@code replacesOrderId} are optional (see {@link Order}).
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
        @Schema(defaultValue = "GTC") TimeInForce timeInForce,
        @Positive @Schema(description = "TRAILING_STOP: trail by this amount; or give trailPercent")
        BigDecimal trailPrice,
        @Positive @Schema(description = "TRAILING_STOP: trail by this percentage; or give trailPrice")
        BigDecimal trailPercent,
        @Schema(description = "A contingent leg: HELD until this order is FILLED") String parentId,
        @Schema(description = "One-cancels-other group: the first fill cancels the others") String ocoGroup,
        @Schema(description = "Replaces this order if it is still open") String replacesOrderId) {

    /** The order this request describes, with the id and creation time the service chose. */
    public Order toOrder(String id, Instant createdAt) {
        return new Order(id, signalId, accountId, symbol, side, type, qty, notional, limitPrice, stopPrice,
                timeInForce == null ? TimeInForce.GTC : timeInForce, createdAt, trailPrice, trailPercent,
                blankToNull(parentId), blankToNull(ocoGroup), blankToNull(replacesOrderId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
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
                boolean trailing = request.type() == OrderType.TRAILING_STOP;
                if (trailing && request.trailPrice() == null && request.trailPercent() == null) {
                    valid = violation(context, "trailPrice", "either trailPrice or trailPercent is required for a "
                            + request.type() + " order");
                } else if (trailing && request.trailPrice() != null && request.trailPercent() != null) {
                    valid = violation(context, "trailPercent", "must be absent when trailPrice is given");
                }
                if (!trailing && request.trailPrice() != null) {
                    valid = violation(context, "trailPrice", "is not allowed for a " + request.type() + " order");
                }
                if (!trailing && request.trailPercent() != null) {
                    valid = violation(context, "trailPercent", "is not allowed for a " + request.type() + " order");
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
