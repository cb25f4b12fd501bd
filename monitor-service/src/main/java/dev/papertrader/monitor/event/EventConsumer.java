package dev.papertrader.monitor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.monitor.alert.AlertEvents;
import dev.papertrader.monitor.alert.AlertHub;
import dev.papertrader.monitor.config.MonitorConfig;
import dev.papertrader.service.messaging.AmqpBroker;
import dev.papertrader.service.messaging.ReceivedMessage;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Reads the monitor's queues of the other services' events ({@code papertrader.monitor.events.queues}: by default
 * {@code trading.fills.monitor}, {@code portfolio.updates.monitor}, {@code trading.decisions.monitor}) into the
 * {@link EventBuffer} for display, and publishes their alert events ({@link AlertEvents}) on {@code /ws/alerts}.
 *
 * <p>Display only: nothing is stored, so no inbox row is written; each message is acked once kept, which keeps the
 * queues from growing. Messages come through service-support's {@link AmqpBroker}, so one that cannot be read (not
 * JSON, an unknown kind) is dead-lettered with its reason, like everywhere else.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventBuffer buffer;
    private final AlertHub alerts;
    private final AmqpBroker broker;
    private final List<String> queues;

    public EventConsumer(EventBuffer buffer, AlertHub alerts, AmqpBroker broker,
            MonitorConfig config) {
        this.buffer = buffer;
        this.alerts = alerts;
        this.broker = broker;
        this.queues = config.events().queues();
    }

    void start(@Observes StartupEvent event) {
        for (String queue : queues) {
            broker.consume(queue, queueName(queue), this::keep);
        }
    }

    /** Keeps one event and acks it. */
    Uni<Void> keep(ReceivedMessage received) {
        String address = addressOf(received.envelope().address());
        buffer.add(address, received.type().wireName(), received.id(), body(received.envelope().body()));
        alerts.publishAll(AlertEvents.of(received.type(), received.payload()));
        return received.envelope().ack();
    }

    /** The queue of a fully qualified name: {@code trading.fills::trading.fills.monitor} → {@code trading.fills.monitor}. */
    static String queueName(String address) {
        int separator = address.indexOf("::");
        return separator < 0 ? address : address.substring(separator + 2);
    }

    /** The address of a fully qualified queue name: {@code trading.fills::trading.fills.monitor} → {@code trading.fills}. */
    static String addressOf(String queue) {
        if (queue == null) {
            return null;
        }
        int separator = queue.indexOf("::");
        return separator < 0 ? queue : queue.substring(0, separator);
    }

    private static JsonNode body(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode tree = JsonCodec.mapper().readTree(text);
            return tree == null ? TextNode.valueOf(text) : tree;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
