package dev.papertrader.router.messaging;

import dev.papertrader.router.service.RouterService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The three queues the router reads (configured as {@code mp.messaging.incoming.<channel>.*}). Each message is handed
 * to the {@link RouterService}, which settles it once it is committed; a returned {@code Uni} never fails.
 */
@ApplicationScoped
public class RouterChannels {

    private final RouterService router;

    public RouterChannels(RouterService router) {
        this.router = router;
    }

    /** {@code trading.signals}: signals, and the monitor's slice-ends. */
    @Incoming("signals")
    public Uni<Void> signals(Message<Object> message) {
        return router.receiveSignals(message);
    }

    /** {@code portfolio.updates::portfolio.updates.router}: the portfolio's snapshots. */
    @Incoming("portfolio")
    public Uni<Void> portfolio(Message<Object> message) {
        return router.receivePortfolio(message);
    }

    /** {@code trading.fills::trading.fills.router}: fills, order status changes and the order service's slice-ends. */
    @Incoming("fills")
    public Uni<Void> fills(Message<Object> message) {
        return router.receiveFills(message);
    }
}
