package dev.papertrader.order.engine;

import static dev.papertrader.core.model.Checks.required;

import dev.papertrader.core.execution.ExecutionState;
import java.time.Instant;

/**
 * What the order service persists (as JSON in {@code engine_state}) after every change: the simulated exchange and
 * the two watermarks of the slice protocol.
 *
 * @param execution           the simulator's state
 * @param lastSlice           open time of the last slice processed; null before the first
 * @param routerClosedThrough latest slice the router has closed ({@code slice-end} on {@code trading.orders}); null
 *                            before the first
 */
public record OrderEngineState(ExecutionState execution, Instant lastSlice, Instant routerClosedThrough) {

    public OrderEngineState {
        required(execution, "execution");
    }
}
