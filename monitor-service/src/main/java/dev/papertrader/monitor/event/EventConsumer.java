package dev.papertrader.monitor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.json.MessageFormatException;
import dev.papertrader.service.messaging.IncomingEnvelope;
import dev.papertrader.service.messaging.MessageType;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads the monitor's queues of the other services' events, {@code trading.fills.monitor},
 * {@code portfolio.updates.monitor} and {@code trading.decisions.monitor}, into the {@link EventBuffer} for display
 * (and, later, alerts). Display only: nothing is stored, so there is no inbox; every message is acked once kept,
 * which keeps the queues from growing. A message that cannot be read is kept with kind {@code unknown} and its body
 * as text.
 */
@ApplicationScoped
public class EventConsumer {

    static final String FILLS = "trading.fills";
    static final String PORTFOLIO_UPDATES = "portfolio.updates";
    static final String DECISIONS = "trading.decisions";

    private final EventBuffer buffer;

    public EventConsumer(EventBuffer buffer) {
        this.buffer = buffer;
    }

    @Incoming("fills")
    public Uni<Void> onFill(Message<?> message) {
        return keep(FILLS, message);
    }

    @Incoming("portfolio-updates")
    public Uni<Void> onPortfolioUpdate(Message<?> message) {
        return keep(PORTFOLIO_UPDATES, message);
    }

    @Incoming("decisions")
    public Uni<Void> onDecision(Message<?> message) {
        return keep(DECISIONS, message);
    }

    private Uni<Void> keep(String address, Message<?> message) {
        try {
            IncomingEnvelope envelope = IncomingEnvelope.of(message);
            buffer.add(address, kind(envelope), id(envelope), body(envelope.body()));
        } catch (RuntimeException e) {
            Log.warnf(e, "an event on %s could not be read; it is dropped", address);
        }
        return Uni.createFrom().completionStage(message::ack);
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
