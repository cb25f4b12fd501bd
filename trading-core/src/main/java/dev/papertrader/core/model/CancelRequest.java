package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.time.Instant;

/**
 * A request to cancel an open order, published on {@code trading.orders} (kind {@code cancel}) beside the orders,
 * so it reaches the order service in order with them. Cancelling an order that is already final has no effect
 * beyond a note in the order service's log.
 *
 * @param id          the request's own id (idempotency)
 * @param orderId     the order to cancel
 * @param reason      why, for the CANCELED status event
 * @param requestedAt event time of the request: the order service cancels at the later of this and the
 *                    last slice it processed
 */
public record CancelRequest(String id, String orderId, String accountId, String reason, Instant requestedAt) {

    public CancelRequest {
        requiredText(id, "id");
        requiredText(orderId, "orderId");
        requiredText(accountId, "accountId");
        requiredText(reason, "reason");
        required(requestedAt, "requestedAt");
    }
}
