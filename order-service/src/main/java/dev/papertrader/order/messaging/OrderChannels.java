package dev.papertrader.order.messaging;

import dev.papertrader.order.service.OrderService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The order service's AMQP inputs. Both channels acknowledge manually, through the service's transactions; the
 * returned {@code Uni} completes when the message has been handled (or kept for its slice) and never fails.
 */
@ApplicationScoped
public class OrderChannels {

    /** Channel of {@code market.bars::market.bars.orders}: bars and the monitor's slice-ends. */
    public static final String MARKET_BARS = "market-bars";
    /** Channel of {@code trading.orders}: orders and the router's slice-ends. */
    public static final String TRADING_ORDERS = "trading-orders";

    private final OrderService service;

    public OrderChannels(OrderService service) {
        this.service = service;
    }

    @Incoming(MARKET_BARS)
    public Uni<Void> marketBars(Message<Object> message) {
        return service.onMarketMessage(message);
    }

    @Incoming(TRADING_ORDERS)
    public Uni<Void> tradingOrders(Message<Object> message) {
        return service.onOrdersMessage(message);
    }
}
