package dev.papertrader.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.service.nativeimage.JsonTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every JSON type of this service is registered for reflection in a native executable ({@link RouterJsonTypes});
 * trading-core's and service-support's are checked by service-support's CoreJsonTypesTests.
 */
class RouterNativeReflectionTests {

    @Test
    void everyRecordEnumAndPolymorphicTypeOfTheServiceIsRegistered() {
        List<Class<?>> needed = JsonTypes.declaredBeside(RouterJsonTypes.class);

        assertThat(needed).contains(dev.papertrader.router.config.RouterSettings.class);
        assertThat(JsonTypes.registeredBy(RouterJsonTypes.class)).containsAll(needed);
    }
}
