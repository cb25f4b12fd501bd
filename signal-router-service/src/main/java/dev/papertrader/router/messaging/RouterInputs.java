package dev.papertrader.router.messaging;

import dev.papertrader.router.config.RouterServiceConfig;
import dev.papertrader.router.service.RouterService;
import dev.papertrader.service.messaging.AmqpBroker;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The router's AMQP inputs, each with its inbox name: the signals queue, its portfolio snapshot queue, its fills queue and its
 * bars queue ({@code papertrader.router.*-queue}).
 */
@ApplicationScoped
public class RouterInputs {

    private final AmqpBroker broker;
    private final RouterService router;
    private final RouterServiceConfig config;

    public RouterInputs(AmqpBroker broker, RouterService router, RouterServiceConfig config) {
        this.broker = broker;
        this.router = router;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        broker.consume(config.signalsQueue(), RouterService.SIGNALS_CONSUMER, router::onSignalsMessage);
        broker.consume(config.portfolioQueue(), RouterService.PORTFOLIO_CONSUMER, router::onPortfolioMessage);
        broker.consume(config.fillsQueue(), RouterService.FILLS_CONSUMER, router::onFillsMessage);
        broker.consume(config.barsQueue(), RouterService.BARS_CONSUMER, router::onBarsMessage);
    }
}
