package dev.papertrader.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.service.nativeimage.JsonTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every JSON type of this service is registered for reflection in a native executable ({@link PortfolioJsonTypes});
 * trading-core's and service-support's are checked by service-support's CoreJsonTypesTests.
 */
class PortfolioNativeReflectionTests {

    @Test
    void everyRecordEnumAndPolymorphicTypeOfTheServiceIsRegistered() {
        List<Class<?>> needed = JsonTypes.declaredBeside(PortfolioJsonTypes.class);

        assertThat(needed).contains(dev.papertrader.portfolio.engine.PortfolioEngineState.class);
        assertThat(JsonTypes.registeredBy(PortfolioJsonTypes.class)).containsAll(needed);
    }
}
