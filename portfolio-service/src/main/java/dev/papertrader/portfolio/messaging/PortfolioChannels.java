package dev.papertrader.portfolio.messaging;

import dev.papertrader.portfolio.service.PortfolioService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The portfolio service's AMQP inputs. Both channels acknowledge manually, through the service's transactions; the
 * returned {@code Uni} completes when the message has been handled (or kept for its slice) and never fails.
 */
@ApplicationScoped
public class PortfolioChannels {

    /** Channel of {@code market.bars::market.bars.portfolio}: bars and the monitor's slice-ends. */
    public static final String MARKET_BARS = "market-bars";
    /** Channel of {@code trading.fills::trading.fills.portfolio}: fills, order status events, the orders' slice-ends. */
    public static final String TRADING_FILLS = "trading-fills";

    private final PortfolioService service;

    public PortfolioChannels(PortfolioService service) {
        this.service = service;
    }

    @Incoming(MARKET_BARS)
    public Uni<Void> marketBars(Message<Object> message) {
        return service.onMarketMessage(message);
    }

    @Incoming(TRADING_FILLS)
    public Uni<Void> tradingFills(Message<Object> message) {
        return service.onFillsMessage(message);
    }
}
