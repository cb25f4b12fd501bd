package dev.papertrader.service.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Settles at once and counts how often a test's envelopes were accepted and given back. */
final class CountingSettlement implements IncomingEnvelope.Settlement {

    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger nacks = new AtomicInteger();

    @Override
    public CompletionStage<Void> accept() {
        acks.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> fail(Throwable reason) {
        nacks.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }
}
