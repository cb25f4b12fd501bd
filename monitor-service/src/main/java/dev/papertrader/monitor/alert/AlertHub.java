package dev.papertrader.monitor.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.monitor.config.MonitorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans the alert events out to the connected clients of {@code /ws/alerts}, each through its own bounded queue
 * ({@link AlertSubscriber}), so publishing never waits for a client.
 *
 * <p>Metrics: {@code papertrader.monitor.alerts.events{type}} (events published), {@code
 * papertrader.monitor.alerts.dropped} (messages dropped for slow clients, all connections),
 * {@code papertrader.monitor.alerts.connection.dropped{connection}} (the same per open connection, removed when it
 * closes) and the gauge {@code papertrader.monitor.alerts.connections}.
 */
@ApplicationScoped
public class AlertHub {

    private final int clientBuffer;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter droppedCounter;
    private final Map<String, Registration> subscribers = new ConcurrentHashMap<>();

    private record Registration(AlertSubscriber subscriber, Counter dropped) {
    }

    public AlertHub(MonitorConfig config, Clock clock, MeterRegistry meters) {
        this.clientBuffer = config.alerts().clientBuffer();
        this.clock = clock;
        this.meters = meters;
        this.droppedCounter = meters.counter("papertrader.monitor.alerts.dropped");
        meters.gaugeMapSize("papertrader.monitor.alerts.connections", List.of(), subscribers);
    }

    /** Registers an open connection and queues its {@code subscribed} notice. */
    public AlertSubscriber register(WebSocketConnection connection, AlertFilter filter) {
        String id = connection.id();
        Counter perConnection = meters.counter("papertrader.monitor.alerts.connection.dropped", "connection", id);
        AlertSubscriber subscriber = new AlertSubscriber(id, clientBuffer, filter, connection::sendText,
                (dropped, total) -> droppedNotice(dropped, total), () -> {
                    droppedCounter.increment();
                    perConnection.increment();
                });
        // queued first but written only once registered: when the client reads it, every later event reaches it
        subscriber.queueFirst(subscribedNotice(id, filter));
        subscribers.put(id, new Registration(subscriber, perConnection));
        subscriber.start();
        Log.debugf("alerts client %s connected with %s", id, filter);
        return subscriber;
    }

    /** Replaces a connection's filter and confirms it with a new {@code subscribed} notice. */
    public void refilter(String connectionId, AlertFilter filter) {
        Registration registration = subscribers.get(connectionId);
        if (registration != null) {
            registration.subscriber().filter(filter);
            registration.subscriber().offer(subscribedNotice(connectionId, filter));
        }
    }

    /** Forgets a closed connection. */
    public void unregister(String connectionId) {
        Registration registration = subscribers.remove(connectionId);
        if (registration != null) {
            registration.subscriber().close();
            meters.remove(registration.dropped());
            Log.debugf("alerts client %s left (%d dropped)", connectionId, registration.subscriber().droppedTotal());
        }
    }

    /** Sends {@code event} to every client whose filter it passes. */
    public void publish(AlertEvent event) {
        meters.counter("papertrader.monitor.alerts.events", "type", event.type().wireName()).increment();
        if (subscribers.isEmpty()) {
            return;
        }
        String text = JsonCodec.encode(event);
        for (Registration registration : subscribers.values()) {
            if (registration.subscriber().filter().matches(event)) {
                registration.subscriber().offer(text);
            }
        }
    }

    /** {@link #publish(AlertEvent)} each, in order. */
    public void publishAll(Collection<AlertEvent> events) {
        events.forEach(this::publish);
    }

    /** The subscriber of an open connection, or null. */
    public AlertSubscriber subscriber(String connectionId) {
        Registration registration = subscribers.get(connectionId);
        return registration == null ? null : registration.subscriber();
    }

    private String subscribedNotice(String connectionId, AlertFilter filter) {
        ObjectNode payload = JsonCodec.mapper().createObjectNode();
        payload.put("connection", connectionId);
        payload.set("symbols", JsonCodec.mapper().valueToTree(filter.symbols().stream().sorted().toList()));
        payload.set("types", JsonCodec.mapper().valueToTree(filter.types().stream().sorted().toList()));
        payload.set("accounts", JsonCodec.mapper().valueToTree(filter.accounts().stream().sorted().toList()));
        payload.put("bufferSize", clientBuffer);
        return JsonCodec.encode(new AlertEvent(AlertType.SUBSCRIBED, clock.instant(), null, null, payload));
    }

    private String droppedNotice(long dropped, long total) {
        ObjectNode payload = JsonCodec.mapper().createObjectNode();
        payload.put("dropped", dropped);
        payload.put("droppedTotal", total);
        return JsonCodec.encode(new AlertEvent(AlertType.DROPPED, clock.instant(), null, null, payload));
    }
}
