package dev.papertrader.service.messaging;

import java.time.Instant;

/**
 * One stored dead letter, as the REST API shows it.
 *
 * @param seq           its number in this service's {@code dead_letters} table (newest is highest)
 * @param consumer      the inbox that rejected it, e.g. {@code orders}
 * @param address       the queue it came from
 * @param messageId     its declared id, null when it had none
 * @param type          its {@code type} property, or {@code unknown}
 * @param reason        why it was rejected
 * @param body          the rejected body, cut to {@link DeadLetterQuery#BODY_LIMIT} characters
 * @param bodyTruncated true when {@code body} was cut
 */
public record DeadLetterView(long seq, String consumer, String address, String messageId, String type, String reason,
        String body, boolean bodyTruncated, Instant receivedAt) {
}
