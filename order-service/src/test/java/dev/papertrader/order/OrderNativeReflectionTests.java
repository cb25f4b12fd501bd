package dev.papertrader.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.service.nativeimage.JsonTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every JSON type of this service is registered for reflection in a native executable ({@link OrderJsonTypes});
 * trading-core's and service-support's are checked by service-support's CoreJsonTypesTests.
 */
class OrderNativeReflectionTests {

    @Test
    void everyRecordEnumAndPolymorphicTypeOfTheServiceIsRegistered() {
        List<Class<?>> needed = JsonTypes.declaredBeside(OrderJsonTypes.class);

        assertThat(needed).contains(dev.papertrader.order.engine.OrderEngineState.class);
        assertThat(JsonTypes.registeredBy(OrderJsonTypes.class)).containsAll(needed);
    }
}
