package dev.papertrader.service.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the service is connected to the broker, can send, and reads all its queues. */
@Readiness
@ApplicationScoped
public class AmqpBrokerHealthCheck implements HealthCheck {

    private final AmqpBroker inputs;

    public AmqpBrokerHealthCheck(AmqpBroker broker) {
        this.inputs = broker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("papertrader AMQP broker")
                .status(inputs.isReady())
                .withData("queues", String.join(", ", inputs.addresses()))
                .build();
    }
}
