package dev.papertrader.monitor.alert;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.router.RouterRules;
import dev.papertrader.monitor.feed.FeedStatus;
import dev.papertrader.service.messaging.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The alert events of each message the monitor sees (docs/contracts.md, section "Alerts"). */
public final class AlertEvents {

    /**
     * The router's rules that are risk checks (trading-core's {@link RouterRules}): a signal they reject is also a
     * {@code risk-breach}. Filters (allowlist, strength, session, cooldown, duplicates, no pyramiding, long only,
     * pending order) and sizing are routine rejections, not breaches.
     */
    public static final Set<String> RISK_RULES = Set.of(RouterRules.KILL_SWITCH, RouterRules.MAX_DRAWDOWN_HALT,
            RouterRules.DAILY_LOSS_LIMIT, RouterRules.MAX_OPEN_ORDERS, RouterRules.MAX_POSITION,
            RouterRules.MAX_GROSS_EXPOSURE);

    private AlertEvents() {
    }

    /**
     * The events of a message received from another service: a fill, an order status, a portfolio snapshot, a
     * decision (and a risk breach when a risk rule rejected it); none for a watermark or another kind.
     */
    public static List<AlertEvent> of(MessageType type, Object payload) {
        return switch (type) {
            case FILL -> List.of(fill((Fill) payload));
            case ORDER_STATUS -> List.of(orderStatus((OrderStatusEvent) payload));
            case SNAPSHOT -> List.of(portfolio((PortfolioSnapshot) payload));
            case DECISION -> decision((Decision) payload);
            default -> List.of();
        };
    }

    /** {@code fill} at its fill time. */
    public static AlertEvent fill(Fill fill) {
        return new AlertEvent(AlertType.FILL, fill.filledAt(), fill.symbol(), fill.accountId(), fill);
    }

    /** {@code order-status} at the change's event time. */
    public static AlertEvent orderStatus(OrderStatusEvent status) {
        return new AlertEvent(AlertType.ORDER_STATUS, status.eventTime(), status.symbol(), status.accountId(),
                status);
    }

    /** {@code portfolio} as of the snapshot's time; about an account, no symbol. */
    public static AlertEvent portfolio(PortfolioSnapshot snapshot) {
        return new AlertEvent(AlertType.PORTFOLIO, snapshot.asOf(), null, snapshot.accountId(), snapshot);
    }

    /** {@code decision}, followed by {@code risk-breach} (same payload) when a {@link #RISK_RULES risk rule} rejected it. */
    public static List<AlertEvent> decision(Decision decision) {
        Decision payload = decision;
        AlertEvent event = new AlertEvent(AlertType.DECISION, decision.decidedAt(), decision.symbol(),
                decision.accountId(), payload);
        if (decision.accepted() || !RISK_RULES.contains(decision.rule())) {
            return List.of(event);
        }
        return List.of(event, new AlertEvent(AlertType.RISK_BREACH, decision.decidedAt(), decision.symbol(),
                decision.accountId(), payload));
    }

    /** {@code signal} at its bar time; signals belong to no account (the router decides which). */
    public static AlertEvent signal(Signal signal) {
        return new AlertEvent(AlertType.SIGNAL, signal.barTime(), signal.symbol(), null, signal);
    }

    /** {@code feed-status}, noticed at {@code now}. */
    public static AlertEvent feedStatus(FeedStatus status, Instant now) {
        return new AlertEvent(AlertType.FEED_STATUS, now, null, null, status);
    }
}
