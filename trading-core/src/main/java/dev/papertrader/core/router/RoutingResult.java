package dev.papertrader.core.router;

import static dev.papertrader.core.model.Checks.required;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Order;

/**
 * What {@link SignalRouter#route} produced for one signal.
 *
 * @param decision always present; says accepted or rejected, the rule and the reason
 * @param order    the order to publish when accepted; null when rejected
 */
public record RoutingResult(Decision decision, Order order) {

    public RoutingResult {
        required(decision, "decision");
        if (decision.accepted() != (order != null)) {
            throw new IllegalArgumentException("an accepted decision has an order, a rejected one has none");
        }
    }

    public boolean accepted() {
        return decision.accepted();
    }
}
