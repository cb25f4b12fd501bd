package dev.papertrader.service.messaging;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.CancelRequest;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SliceEnd;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of message (docs/contracts.md): the AMQP application property {@code type}, the record it carries and
 * the message's stable id.
 *
 * <p>Ids: a record's own {@code id} field where it has one; a bar is identified by
 * {@code symbol|timeframe|openTime} ({@link Bar#id()}) and a snapshot by {@code snapshot|accountId|asOf}.
 *
 * <p>Inference, for a message without a {@code type} property: the kind whose {@linkplain #markers() marker
 * fields} are all present in the JSON object. Each kind's markers are required fields no other kind has all of.
 */
public enum MessageType {
    BAR("bar", Bar.class, Set.of("openTime", "timeframe")),
    SIGNAL("signal", Signal.class, Set.of("strategy", "emittedAt")),
    ORDER("order", Order.class, Set.of("timeInForce", "createdAt")),
    FILL("fill", Fill.class, Set.of("orderId", "filledAt")),
    ORDER_STATUS("order-status", OrderStatusEvent.class, Set.of("orderId", "status", "eventTime")),
    SNAPSHOT("snapshot", PortfolioSnapshot.class, Set.of("cash", "equity", "asOf")),
    DECISION("decision", Decision.class, Set.of("signalId", "accepted", "decidedAt")),
    SLICE_END("slice-end", SliceEnd.class, Set.of("source", "time", "count")),
    CANCEL("cancel", CancelRequest.class, Set.of("orderId", "requestedAt"));

    private final String wireName;
    private final Class<?> recordType;
    private final Set<String> markers;

    MessageType(String wireName, Class<?> recordType, Set<String> markers) {
        this.wireName = wireName;
        this.recordType = recordType;
        this.markers = markers;
    }

    /** The value of the AMQP application property {@code type}, e.g. {@code order-status}. */
    public String wireName() {
        return wireName;
    }

    /** The record class of the body. */
    public Class<?> recordType() {
        return recordType;
    }

    /** JSON fields whose presence identifies this kind when a message has no {@code type} property. */
    public Set<String> markers() {
        return markers;
    }

    /** The kind named {@code wireName}, if any. */
    public static Optional<MessageType> ofWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    /** The kind of a message record. */
    public static MessageType of(Object message) {
        return Arrays.stream(values()).filter(t -> t.recordType.isInstance(message)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "not a message record: " + (message == null ? "null" : message.getClass().getName())));
    }

    /** The first kind (in declaration order) whose markers are all among {@code fieldNames}. */
    public static Optional<MessageType> infer(Set<String> fieldNames) {
        return Arrays.stream(values()).filter(t -> fieldNames.containsAll(t.markers)).findFirst();
    }

    /** The stable id of a message record (see the class comment). */
    public static String idOf(Object message) {
        return switch (of(message)) {
            case BAR -> ((Bar) message).id();
            case SIGNAL -> ((Signal) message).id();
            case ORDER -> ((Order) message).id();
            case FILL -> ((Fill) message).id();
            case ORDER_STATUS -> ((OrderStatusEvent) message).id();
            case SNAPSHOT -> "snapshot|" + ((PortfolioSnapshot) message).accountId() + "|"
                    + ((PortfolioSnapshot) message).asOf();
            case DECISION -> ((Decision) message).id();
            case SLICE_END -> ((SliceEnd) message).id();
            case CANCEL -> ((CancelRequest) message).id();
        };
    }
}
