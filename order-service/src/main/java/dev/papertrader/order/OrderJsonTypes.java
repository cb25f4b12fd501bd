package dev.papertrader.order;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native executable, every JSON type of the order service: REST bodies, stored state
 * and its own message forms (trading-core's and service-support's are in {@code CoreJsonTypes}). The rule, and
 * what {@code OrderNativeReflectionTests} checks: every record, enum and {@code @JsonTypeInfo} type of this
 * module is listed ({@code JsonTypes}).
 */
@RegisterForReflection(targets = {
        dev.papertrader.order.engine.OrderEngineState.class,
        dev.papertrader.order.engine.SliceBuffer.Entry.class,
        dev.papertrader.order.repository.OrderRow.class,
        dev.papertrader.order.rest.FillResponse.class,
        dev.papertrader.order.rest.NewOrderRequest.class,
        dev.papertrader.order.rest.OrderResponse.class,
        dev.papertrader.order.service.EngineStatus.class
})
public final class OrderJsonTypes {

    private OrderJsonTypes() {
    }
}
