package dev.papertrader.portfolio.messaging;

import dev.papertrader.portfolio.config.PortfolioConfig;
import dev.papertrader.portfolio.service.PortfolioService;
import dev.papertrader.service.messaging.AmqpBroker;
import dev.papertrader.service.messaging.InboxCheck;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The portfolio service's AMQP inputs: the monitor's bars and the order service's fills, each with its inbox name. */
@ApplicationScoped
public class PortfolioInputs {

    private final AmqpBroker broker;
    private final PortfolioService service;
    private final PortfolioConfig config;

    public PortfolioInputs(AmqpBroker broker, PortfolioService service, PortfolioConfig config) {
        this.broker = broker;
        this.service = service;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        broker.consume(config.barsQueue(), PortfolioService.BARS_CONSUMER, service::onMarketMessage,
                InboxCheck.BY_HANDLER);
        broker.consume(config.fillsQueue(), PortfolioService.FILLS_CONSUMER, service::onFillsMessage);
    }
}
