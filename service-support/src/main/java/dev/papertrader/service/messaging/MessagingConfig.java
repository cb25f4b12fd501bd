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

    interface Input {
        /** Most messages of one queue being handled at once; reading pauses at this number. */
        @WithDefault("64")
        int maxInFlight();

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
