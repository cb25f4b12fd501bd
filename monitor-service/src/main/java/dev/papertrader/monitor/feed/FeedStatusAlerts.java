package dev.papertrader.monitor.feed;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.monitor.alert.AlertEvent;
import dev.papertrader.monitor.alert.AlertHub;
import dev.papertrader.monitor.alert.AlertType;
import dev.papertrader.monitor.event.EventBuffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Forwards every {@link FeedStatusEvent} of a live feed to GET /events (address {@value #ADDRESS}, type
 * {@value #TYPE}, id {@code feed|<feed>|<state>|<at>}) and to the alerts stream as a {@code feed-status} event
 * whose payload is the {@link FeedStatusEvent}.
 */
@ApplicationScoped
public class FeedStatusAlerts {

    public static final String ADDRESS = "monitor.feed";
    public static final String TYPE = "feed-status";

    private final EventBuffer buffer;
    private final AlertHub alerts;

    public FeedStatusAlerts(EventBuffer buffer, AlertHub alerts) {
        this.buffer = buffer;
        this.alerts = alerts;
    }

    void onStatus(@Observes FeedStatusEvent event) {
        buffer.add(ADDRESS, TYPE, "feed|" + event.feed() + "|" + event.state() + "|" + event.at(),
                JsonCodec.mapper().valueToTree(event));
        alerts.publish(new AlertEvent(AlertType.FEED_STATUS, event.at(), null, null, event));
    }
}
