package dev.papertrader.router.engine;

import static dev.papertrader.core.model.Checks.required;

import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.router.RouterState;
import java.time.Instant;

/**
 * What the router service persists (as JSON in {@code engine_state}) in every transaction that changes it: the
 * {@link dev.papertrader.core.router.SignalRouter}'s own state and the watermarks of the slice protocol.
 * <p>
 * The service stores the {@linkplain RouterEngine#compactState() compact} form: the router's open orders, cooldowns
 * and halt, without its duplicate memory (the signal ids decided within the duplicate window and the accepted
 * signals' keys; only the memory's bounds, two timestamps), so the JSON written per transaction does not grow with
 * the signals decided. The {@code decisions}
 * rows, written in the same transactions, give that memory back on load
 * ({@link RouterEngine#restore(dev.papertrader.core.router.RouterConfig, String, RouterEngineState, java.util.List)}).
 * A state stored before holds it in full and still loads: both are merged.
 *
 * @param router              the signal router's state (open orders, cooldowns, halt; the duplicates in a full state
 *                            only)
 * @param lastClosedSlice     open time of the last slice decided; null before the first
 * @param ordersClosedThrough latest slice the order service has closed ({@code slice-end} on {@code trading.fills});
 *                            null before the first
 * @param lastSnapshot        the snapshot the last slice was decided against; late signals are decided against it.
 *                            Null before the first slice
 */
public record RouterEngineState(RouterState router, Instant lastClosedSlice, Instant ordersClosedThrough,
        PortfolioSnapshot lastSnapshot) {

    public RouterEngineState {
        required(router, "router");
        if ((lastClosedSlice == null) != (lastSnapshot == null)) {
            throw new IllegalArgumentException("lastClosedSlice and lastSnapshot are set together");
        }
    }

    /** A router that has decided nothing yet. */
    public static RouterEngineState empty() {
        return new RouterEngineState(RouterState.empty(), null, null, null);
    }
}
