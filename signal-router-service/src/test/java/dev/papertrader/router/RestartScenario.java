package dev.papertrader.router;

import dev.papertrader.core.model.Signal;
import dev.papertrader.core.router.SignalRouter;
import java.time.Instant;

/**
 * The slices of the restart scenario, after every slice of the first boot's other tests: {@link #R1} is decided
 * before the restart, {@link #R2} is received but waits for its snapshot across the restart, {@link #R3} comes after.
 */
final class RestartScenario {

    static final Instant R1 = Instant.parse("2031-01-02T00:00:00Z");
    static final Instant R2 = Instant.parse("2031-01-03T00:00:00Z");
    static final Instant R3 = Instant.parse("2031-01-06T00:00:00Z");

    /** Accepted at R1 (3 shares, fixed-qty:3); its order is still open at the restart. */
    static final Signal OPEN_BEFORE = Upstream.buy("RESTART1", R1, "50");
    /** Received at R2 before the restart, decided after it while the router is still halted. */
    static final Signal HELD_ACROSS = Upstream.buy("RESTART2", R2, "60");
    static final String HALT_REASON = "halted before the restart";
    static final String SIZING = "fixed-qty:3";

    static String openOrderId() {
        return SignalRouter.orderId(Upstream.ACCOUNT, OPEN_BEFORE.id());
    }

    private RestartScenario() {
    }
}
