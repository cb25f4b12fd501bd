package dev.papertrader.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.service.nativeimage.JsonTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every JSON type of this service is registered for reflection in a native executable ({@link MonitorJsonTypes});
 * trading-core's and service-support's are checked by service-support's CoreJsonTypesTests.
 */
class MonitorNativeReflectionTests {

    @Test
    void everyRecordEnumAndPolymorphicTypeOfTheServiceIsRegistered() {
        List<Class<?>> needed = JsonTypes.declaredBeside(MonitorJsonTypes.class);

        assertThat(needed).contains(dev.papertrader.monitor.event.MonitoredEvent.class);
        assertThat(JsonTypes.registeredBy(MonitorJsonTypes.class)).containsAll(needed);
    }
}
