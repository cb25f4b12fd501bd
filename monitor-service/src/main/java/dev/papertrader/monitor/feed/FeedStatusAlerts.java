package dev.papertrader.monitor.feed;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.monitor.event.AlertsWebSocket;
import dev.papertrader.monitor.event.EventBuffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Forwards every {@link FeedStatusEvent} to GET /events and the {@code /alerts} stream, as an event of address
 * {@value #ADDRESS}, type {@value #TYPE}, id {@code feed|<feed>|<state>|<at>}, with the event as its body.
 */
@ApplicationScoped
public class FeedStatusAlerts {

    public static final String ADDRESS = "monitor.feed";
    public static final String TYPE = "feed-status";

    private final EventBuffer buffer;
    private final AlertsWebSocket.Broadcaster alerts;

    public FeedStatusAlerts(EventBuffer buffer, AlertsWebSocket.Broadcaster alerts) {
        this.buffer = buffer;
        this.alerts = alerts;
    }

    void onStatus(@Observes FeedStatusEvent event) {
        alerts.publish(buffer.add(ADDRESS, TYPE, "feed|" + event.feed() + "|" + event.state() + "|" + event.at(),
                JsonCodec.mapper().valueToTree(event)));
    }
}
