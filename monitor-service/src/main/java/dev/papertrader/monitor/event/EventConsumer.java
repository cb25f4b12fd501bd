package dev.papertrader.monitor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.json.MessageFormatException;
import dev.papertrader.service.messaging.AmqpBroker;
import dev.papertrader.service.messaging.IncomingEnvelope;
import dev.papertrader.service.messaging.MessageType;
import dev.papertrader.service.messaging.ReceivedMessage;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/**
 * Reads the monitor's queues of the other services' events, {@code trading.fills.monitor},
 * {@code portfolio.updates.monitor} and {@code trading.decisions.monitor}, into the {@link EventBuffer} for display
 * (and, later, alerts). Display only: nothing is stored but the inbox id; every message is acked once kept,
 * which keeps the queues from growing. A message that cannot be read is kept with kind {@code unknown} and its body
 * as text. Each kept event is also pushed to the {@code /alerts} WebSocket.
 */
@ApplicationScoped
public class EventConsumer {

    static final String FILLS = "trading.fills";
    static final String PORTFOLIO_UPDATES = "portfolio.updates";
    static final String DECISIONS = "trading.decisions";

    private final EventBuffer buffer;
    private final AlertsWebSocket.Broadcaster alerts;

    private final AmqpBroker broker;

    public EventConsumer(EventBuffer buffer, AlertsWebSocket.Broadcaster alerts, AmqpBroker broker) {
        this.buffer = buffer;
        this.alerts = alerts;
        this.broker = broker;
    }

    void start(@Observes StartupEvent event) {
        broker.consume(FILLS + "::" + FILLS + ".monitor", "events." + FILLS, message -> keep(FILLS, message));
        broker.consume(PORTFOLIO_UPDATES + "::" + PORTFOLIO_UPDATES + ".monitor", "events." + PORTFOLIO_UPDATES,
                message -> keep(PORTFOLIO_UPDATES, message));
        broker.consume(DECISIONS + "::" + DECISIONS + ".monitor", "events." + DECISIONS,
                message -> keep(DECISIONS, message));
    }

    private Uni<Void> keep(String address, ReceivedMessage message) {
        IncomingEnvelope envelope = message.envelope();
        try {
            alerts.publish(buffer.add(address, kind(envelope), id(envelope), body(envelope.body())));
        } catch (RuntimeException e) {
            Log.warnf(e, "an event on %s could not be read; it is dropped", address);
        }
        return envelope.ack();
    }

    private static String kind(IncomingEnvelope envelope) {
        try {
            return envelope.type().wireName();
        } catch (MessageFormatException e) {
            return envelope.typeProperty() == null ? "unknown" : envelope.typeProperty();
        }
    }

    /** The message id, else the id of the decoded record (a snapshot's {@code snapshot|account|asOf}). */
    private static String id(IncomingEnvelope envelope) {
        String declared = envelope.declaredId();
        if (declared != null) {
            return declared;
        }
        try {
            MessageType type = envelope.type();
            return MessageType.idOf(envelope.decode(type.recordType()));
        } catch (MessageFormatException e) {
            return null;
        }
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
