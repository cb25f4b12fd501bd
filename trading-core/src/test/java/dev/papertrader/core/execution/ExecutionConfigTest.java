package dev.papertrader.core.execution;

import static dev.papertrader.core.execution.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExecutionConfigTest {

    @Test
    void defaultsFillOnTheNextBarWithoutCostsOrCap() {
        ExecutionConfig defaults = ExecutionConfig.defaults();
        assertThat(defaults.latencyBars()).isEqualTo(1);
        assertThat(defaults.maxVolumeShare()).isNull();
        assertThat(defaults.slippage()).isEqualTo(SlippageModel.none());
        assertThat(defaults.fees()).isEqualTo(FeeModel.none());
        assertThat(defaults.sessionZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(defaults.notionalQuantityScale()).isEqualTo(8);
        assertThat(defaults.barHistory()).isEqualTo(500);
    }

    @Test
    void withersChangeOneField() {
        ExecutionConfig config = ExecutionConfig.defaults().withLatencyBars(2).withMaxVolumeShare(d("0.25"))
                .withSlippage(SlippageModel.fixedBps(d("3"))).withFees(FeeModel.fixedPerOrder(d("1")))
                .withSessionZone(ZoneId.of("America/New_York")).withNotionalQuantityScale(4).withBarHistory(50);

        assertThat(config).isEqualTo(new ExecutionConfig(2, d("0.25"), SlippageModel.fixedBps(d("3")),
                FeeModel.fixedPerOrder(d("1")), ZoneId.of("America/New_York"), 4, 50));
    }

    @Test
    void invalidValuesAreRefused() {
        ExecutionConfig defaults = ExecutionConfig.defaults();
        assertThatThrownBy(() -> defaults.withLatencyBars(0)).hasMessageContaining("latencyBars");
        assertThatThrownBy(() -> defaults.withMaxVolumeShare(d("0"))).hasMessageContaining("maxVolumeShare");
        assertThatThrownBy(() -> defaults.withMaxVolumeShare(d("1.5"))).hasMessageContaining("maxVolumeShare");
        assertThatThrownBy(() -> defaults.withSlippage(null)).hasMessageContaining("slippage");
        assertThatThrownBy(() -> defaults.withFees(null)).hasMessageContaining("fees");
        assertThatThrownBy(() -> defaults.withSessionZone(null)).hasMessageContaining("sessionZone");
        assertThatThrownBy(() -> defaults.withNotionalQuantityScale(-1)).hasMessageContaining("notionalQuantityScale");
        assertThatThrownBy(() -> defaults.withBarHistory(0)).hasMessageContaining("barHistory");
    }
}
