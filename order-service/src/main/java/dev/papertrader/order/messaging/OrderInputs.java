package dev.papertrader.order.messaging;

import dev.papertrader.order.service.OrderService;
import dev.papertrader.service.messaging.AmqpBroker;
import dev.papertrader.service.messaging.InboxCheck;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The order service's AMQP inputs: the monitor's bars and the router's orders, each with its inbox name. */
@ApplicationScoped
public class OrderInputs {

    private final AmqpBroker broker;
    private final OrderService service;
    private final String barsQueue;
    private final String ordersQueue;

    public OrderInputs(AmqpBroker broker, OrderService service,
            @ConfigProperty(name = "papertrader.orders.bars-queue", defaultValue = "market.bars::market.bars.orders")
            String barsQueue,
            @ConfigProperty(name = "papertrader.orders.orders-queue", defaultValue = "trading.orders")
            String ordersQueue) {
        this.broker = broker;
        this.service = service;
        this.barsQueue = barsQueue;
        this.ordersQueue = ordersQueue;
    }

    void start(@Observes StartupEvent event) {
        broker.consume(barsQueue, OrderService.BARS_CONSUMER, service::onMarketMessage, InboxCheck.BY_HANDLER);
        broker.consume(ordersQueue, OrderService.ORDERS_CONSUMER, service::onOrdersMessage);
    }
}
