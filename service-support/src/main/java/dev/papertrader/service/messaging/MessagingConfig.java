package dev.papertrader.service.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a service's messaging behaves ({@code papertrader.messaging.*}). */
@ConfigMapping(prefix = "papertrader.messaging")
public interface MessagingConfig {

    /** Address that rejected messages are sent to (docs/contracts.md). */
    @WithDefault("dead.letters")
    String deadLetterAddress();

    /** The outbox relay. */
    Relay relay();

    /** The queues read by {@link AmqpBroker}. */
    Input input();

    /** How long messaging bookkeeping rows are kept ({@link MessagingRetention}). */
    Retention retention();

    interface Retention {
        /** How often old rows are deleted; the first pass runs one period after start. */
        @WithDefault("1h")
        Duration period();

        /**
         * How long an outbox row is kept after the broker accepted it. Sent rows are never read again; they stay a
         * while only to answer "was this published, and when".
         */
        @WithDefault("7d")
        Duration outbox();

        /**
         * How long a consumed message id is kept. It must outlast any redelivery: a message is redelivered only when
         * its acknowledgement was lost, which the broker does as soon as the consumer is back, long before this.
         */
        @WithDefault("30d")
        Duration inbox();

        /** How long a dead letter stays visible (REST, metrics) before it is deleted. */
        @WithDefault("90d")
        Duration deadLetters();

        /** Most rows deleted per statement, so a large backlog never holds one long transaction. */
        @WithDefault("10000")
        int batchSize();

        /** Whether old rows are deleted at all. */
        @WithDefault("true")
        boolean enabled();
    }

    interface Input {
        /** Most messages of one queue being handled at once; reading pauses at this number. */
        @WithDefault("64")
        int maxInFlight();

        /**
         * Most messages of one queue received and not yet settled, those held for a later transaction included (a
         * bar waiting for its slice); reading pauses at this number, which bounds what a consumer that falls behind
         * keeps in memory. It must exceed the messages of the largest time slice (one bar per symbol plus the
         * watermark), or that slice could never complete.
         */
        @WithDefault("10000")
        int maxUnsettled();

        /** Wait before reconnecting to the broker, or attaching a queue again, after a failure. */
        @WithDefault("1s")
        Duration reconnectDelay();
    }

    interface Relay {
        /**
         * Most outbox rows sent in one round, all in flight together; keep it at or below the emitter buffer
         * ({@code mp.messaging.emitter.default-buffer-size}, 128 by default).
         */
        @WithDefault("100")
        int batchSize();

        /** How often the relay looks for unsent rows even when nothing woke it (after a crash or a broker outage). */
        @WithDefault("1s")
        Duration period();

        /** How long a round waits for the broker to accept its messages before it gives up and retries later. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Whether the relay runs at all (a service that only consumes can switch it off). */
        @WithDefault("true")
        boolean enabled();
    }
}
