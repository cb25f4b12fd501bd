package dev.papertrader.service.messaging;

/**
 * A decoded message that the consumer has not processed before, handed to a {@link MessageHandler}.
 *
 * @param consumer the inbox consumer name it was received for
 * @param id       the id the consumer is idempotent on ({@link IncomingEnvelope#id(Object)})
 * @param type     its kind
 * @param payload  the decoded record, an instance of {@code type.recordType()}
 * @param envelope the message as received, to pass to {@link TransactionalMessaging#commit} (or to keep, unsettled,
 *                 until it can be processed)
 */
public record ReceivedMessage(String consumer, String id, MessageType type, Object payload, IncomingEnvelope envelope) {

    /** The payload as {@code type}. */
    public <T> T payload(Class<T> type) {
        return type.cast(payload);
    }
}
