package dev.papertrader.service.messaging;

/** Who skips a message its consumer has already processed (a redelivery): see {@link TransactionalMessaging#receive}. */
public enum InboxCheck {
    /** The inbox is queried before the handler; a processed message is acked and never reaches it. The default. */
    BEFORE_HANDLER,
    /**
     * The handler decides, saving a query per message. For consumers whose engine state tells a message that cannot
     * have been processed (a bar of a slice after the last committed one: inbox rows and engine state commit together)
     * and that ask {@link TransactionalMessaging#acknowledgeIfProcessedElseReject} otherwise. The inbox insert at
     * commit still fails on a processed id, so nothing is applied twice.
     */
    BY_HANDLER
}
