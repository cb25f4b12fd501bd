package dev.papertrader.service.messaging;

import io.smallrye.mutiny.Uni;

/**
 * What a service does with one new, decoded message ({@link TransactionalMessaging#receive}). It runs on the
 * service's {@link dev.papertrader.service.engine.SerialExecutor}, one message at a time. It either commits the
 * message ({@link TransactionalMessaging#commit}), or keeps its envelope to commit later with others (a slice's
 * bars), or fails with a {@link RejectedMessageException} before changing anything, which dead-letters the message.
 */
@FunctionalInterface
public interface MessageHandler {
    Uni<Void> handle(ReceivedMessage message);
}
