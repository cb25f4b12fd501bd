package dev.papertrader.service.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.json.MessageFormatException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Section;

/**
 * A received message, read without loss: the raw JSON text of its body (never through a {@code JsonObject},
 * whose numbers are doubles), its AMQP message-id, its kind and its address, and how to settle it once it has been
 * processed.
 *
 * <p>The kind is the application property {@code type}; without it, it is {@linkplain MessageType#infer inferred}
 * from the body's fields. The id is the AMQP message-id; without it, the body's {@code id} field; without that, the
 * decoded record's {@linkplain MessageType#idOf id} (a bar's {@code symbol|timeframe|openTime}).
 *
 * <p>Settling happens once: the first {@link #ack()} or {@link #nack(Throwable)} settles the message, later calls
 * do nothing. A service normally leaves settling to {@link TransactionalMessaging} and {@link DeadLetters}.
 */
public final class IncomingEnvelope {

    private final String address;
    private final String messageId;
    private final String typeProperty;
    private final String body;
    private final Settlement settlement;
    private final AtomicBoolean settled = new AtomicBoolean();

    /** How a received message is settled with the broker. */
    public interface Settlement {
        /** Accepts the message: the broker forgets it. */
        CompletionStage<Void> accept();

        /** Gives the message back as failed (AMQP modified, delivery-failed): the broker delivers it again. */
        CompletionStage<Void> fail(Throwable reason);
    }

    private IncomingEnvelope(String address, String messageId, String typeProperty, String body, Settlement settlement) {
        this.address = address;
        this.messageId = messageId;
        this.typeProperty = typeProperty;
        this.body = body;
        this.settlement = settlement;
    }

    /**
     * Reads a message received with the Vert.x AMQP client ({@link AmqpBroker}); the body is taken as it came,
     * never converted.
     */
    public static IncomingEnvelope of(String address, io.vertx.amqp.AmqpMessage message, Settlement settlement) {
        Objects.requireNonNull(message, "message");
        JsonObject properties = message.applicationProperties();
        String type = properties == null ? null : stringOrNull(properties.getValue("type"));
        String id = message.id();
        return new IncomingEnvelope(message.address() != null ? message.address() : address, id, type,
                bodyText(message.unwrap().getBody()), Objects.requireNonNull(settlement, "settlement"));
    }

    /**
     * An envelope from its parts (for messages that do not come from AMQP, and for tests).
     *
     * @param messageId    null when the message carries none
     * @param typeProperty the {@code type} property, null when absent
     * @param body         the body's text, null when the body is not text
     */
    public static IncomingEnvelope of(String address, String messageId, String typeProperty, String body,
            Settlement settlement) {
        return new IncomingEnvelope(address, messageId, typeProperty, body,
                Objects.requireNonNull(settlement, "settlement"));
    }

    /** The address the message was received from; may be null. */
    public String address() {
        return address;
    }

    /** The AMQP message-id, or null. See {@link #id(Object)} for the id consumers are idempotent on. */
    public String messageId() {
        return messageId;
    }

    /** The AMQP application property {@code type}, or null when absent. */
    public String typeProperty() {
        return typeProperty;
    }

    /** The body's text; null when the body was not text (a poison message). */
    public String body() {
        return body;
    }

    /**
     * The message's kind.
     *
     * @throws MessageFormatException when the {@code type} property names no known kind, or, without it, the body
     *                                is not a JSON object or matches no kind
     */
    public MessageType type() {
        if (typeProperty != null) {
            return MessageType.ofWireName(typeProperty).orElseThrow(
                    () -> new MessageFormatException("unknown message type '" + typeProperty + "'", null));
        }
        JsonNode tree = tree();
        Set<String> fields = new HashSet<>();
        tree.fieldNames().forEachRemaining(fields::add);
        return MessageType.infer(fields).orElseThrow(() -> new MessageFormatException(
                "no type property and the fields " + new java.util.TreeSet<>(fields) + " match no message kind", null));
    }

    /**
     * Decodes the body into the record of its {@link #type()}.
     *
     * @throws MessageFormatException with the reason when the body is not text, not JSON, not of a known kind, or
     *                                not a valid record (a missing field, a negative quantity...)
     */
    public Object decode() {
        return decode(type().recordType());
    }

    /**
     * Decodes the body as {@code type}, whatever its {@code type} property says.
     *
     * @throws MessageFormatException when the body is not text, not JSON ("not valid JSON: ..."), or not a valid
     *                                {@code type}
     */
    public <T> T decode(Class<T> type) {
        tree();
        return JsonCodec.decode(requireBody(), type);
    }

    /**
     * The id consumers are idempotent on: the AMQP message-id, else the body's {@code id} field, else the decoded
     * record's id.
     */
    public String id(Object decoded) {
        String declared = declaredId();
        return declared != null ? declared : MessageType.idOf(Objects.requireNonNull(decoded, "decoded"));
    }

    /** The AMQP message-id, else the body's {@code id} field, else null (e.g. a bar, or a body that is not JSON). */
    public String declaredId() {
        if (messageId != null && !messageId.isBlank()) {
            return messageId;
        }
        if (body != null) {
            try {
                JsonNode id = JsonCodec.mapper().readTree(body).get("id");
                if (id != null && id.isTextual() && !id.asText().isBlank()) {
                    return id.asText();
                }
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return null;
    }

    /** True once the message has been acked or nacked. */
    public boolean isSettled() {
        return settled.get();
    }

    /** Acknowledges the message (the broker forgets it); does nothing if it was already settled. */
    public Uni<Void> ack() {
        if (!settled.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(settlement::accept);
    }

    /**
     * Gives the message back as failed: the broker delivers it again. Does nothing if it was already settled.
     */
    public Uni<Void> nack(Throwable reason) {
        if (!settled.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> settlement.fail(reason));
    }

    /** A short description for logs: address, id and kind. */
    @Override
    public String toString() {
        return "message " + (messageId == null ? "(no id)" : messageId) + " on " + address
                + (typeProperty == null ? "" : " type " + typeProperty);
    }

    private String requireBody() {
        if (body == null) {
            throw new MessageFormatException("the body is not text (expected JSON in a data or string section)", null);
        }
        return body;
    }

    private JsonNode tree() {
        JsonNode tree;
        try {
            tree = JsonCodec.mapper().readTree(requireBody());
        } catch (JsonProcessingException e) {
            throw new MessageFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new MessageFormatException("not a JSON object", null);
        }
        return tree;
    }

    private static String bodyText(Section section) {
        if (section instanceof Data data) {
            return utf8(data.getValue());
        }
        if (section instanceof AmqpValue value) {
            if (value.getValue() instanceof String text) {
                return text;
            }
            if (value.getValue() instanceof Binary binary) {
                return utf8(binary);
            }
        }
        return null;
    }

    private static String utf8(Binary binary) {
        return new String(binary.getArray(), binary.getArrayOffset(), binary.getLength(), StandardCharsets.UTF_8);
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }
}
