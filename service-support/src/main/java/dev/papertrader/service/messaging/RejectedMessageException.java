package dev.papertrader.service.messaging;

/**
 * A well-formed message that breaks a business rule (e.g. a cancel for an unknown order): it is not processed but
 * {@linkplain DeadLetters#reject rejected} with this reason, and the stream goes on. A handler throws it (or fails its
 * {@code Uni} with it) before it changes any state.
 */
public class RejectedMessageException extends RuntimeException {

    public RejectedMessageException(String reason) {
        super(reason);
    }
}
