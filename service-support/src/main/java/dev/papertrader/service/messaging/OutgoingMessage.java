package dev.papertrader.service.messaging;

import dev.papertrader.core.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send, as stored in the outbox and sent by the {@link OutboxRelay}: the AMQP message-id is
 * {@code id}, the application property {@code type} is {@code type}, {@code properties} become further
 * application properties, and {@code body} is the text of its data section, of {@code contentType}
 * ({@code application/json} for every message record; a dead letter keeps what it can of the rejected body).
 *
 * @param id         stable id; the outbox keeps one row per id, so storing the same message twice sends it once
 * @param address    AMQP address, e.g. {@code trading.fills}
 * @param type       message kind, e.g. {@code fill} (see {@link MessageType})
 * @param contentType the body's media type, {@value #JSON} but for dead letters whose body is not JSON
 * @param body       the body's text
 * @param properties extra AMQP application properties (never {@code type}), possibly empty
 */
public record OutgoingMessage(String id, String address, String type, String contentType, String body,
        Map<String, String> properties) {

    /** The content type of every message record. */
    public static final String JSON = "application/json";

    public OutgoingMessage {
        requireText(id, "id");
        requireText(address, "address");
        requireText(type, "type");
        requireText(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (properties.containsKey("type")) {
            throw new IllegalArgumentException("the application property 'type' is set from the type field");
        }
    }

    /** A JSON message. */
    public OutgoingMessage(String id, String address, String type, String body, Map<String, String> properties) {
        this(id, address, type, JSON, body, properties);
    }

    /**
     * A message record ({@link dev.papertrader.core.model}) for {@code address}: its id and kind from
     * {@link MessageType}, its body from {@link JsonCodec}.
     */
    public static OutgoingMessage of(String address, Object message) {
        return new OutgoingMessage(MessageType.idOf(message), address, MessageType.of(message).wireName(),
                JsonCodec.encode(message), Map.of());
    }

    /** This message with one more application property. */
    public OutgoingMessage withProperty(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new OutgoingMessage(id, address, type, contentType, body, more);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
