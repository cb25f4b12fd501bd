package dev.papertrader.service.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.router.Sizing;
import dev.papertrader.service.rest.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every JSON type of trading-core and service-support is registered for reflection in a native executable. */
class CoreJsonTypesTests {

    @Test
    void everyRecordEnumAndPolymorphicTypeOfTradingCoreAndServiceSupportIsRegistered() {
        List<Class<?>> needed = new ArrayList<>(JsonTypes.declaredBeside(JsonCodec.class));
        needed.addAll(JsonTypes.declaredBeside(CoreJsonTypes.class));

        assertThat(JsonTypes.registeredBy(CoreJsonTypes.class)).containsAll(needed);
    }

    @Test
    void theScanFindsMessagesEnumsPolymorphicSpecsAndPrivateNestedRecords() throws ClassNotFoundException {
        List<Class<?>> core = JsonTypes.declaredBeside(JsonCodec.class);

        assertThat(core).contains(Bar.class, Side.class, Sizing.class, Sizing.AllIn.class,
                Class.forName("dev.papertrader.core.data.BundledData$OhlcFile"));
        assertThat(core).doesNotContain(JsonCodec.class);
        assertThat(JsonTypes.declaredBeside(CoreJsonTypes.class)).contains(Problem.class);
    }

    @Test
    void aClassWithoutRegistrationIsRefused() {
        assertThatThrownBy(() -> JsonTypes.registeredBy(JsonTypes.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@RegisterForReflection");
    }
}
