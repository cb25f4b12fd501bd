package dev.papertrader.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.execution.FeeModel;
import dev.papertrader.core.execution.SlippageModel;
import dev.papertrader.core.router.Sizing;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ModelSpecsTests {

    @Test
    void sizingForms() {
        assertThat(ModelSpecs.sizing("all-in")).isEqualTo(new Sizing.AllIn());
        assertThat(ModelSpecs.sizing("fixed-qty:10")).isEqualTo(new Sizing.FixedQuantity(new BigDecimal("10")));
        assertThat(ModelSpecs.sizing("fixed-notional:2500.50"))
                .isEqualTo(new Sizing.FixedNotional(new BigDecimal("2500.50")));
        assertThat(ModelSpecs.sizing("percent:25")).isEqualTo(new Sizing.PercentOfEquity(new BigDecimal("25")));
        assertThat(ModelSpecs.sizing("ATR:1:2"))
                .isEqualTo(new Sizing.AtrRisk(new BigDecimal("1"), new BigDecimal("2")));
    }

    @Test
    void feeFormsChargeWhatTheyName() {
        BigDecimal qty = new BigDecimal("10");
        BigDecimal price = new BigDecimal("100");
        assertThat(ModelSpecs.fees("0").fee(qty, price, true)).isEqualByComparingTo("0");
        assertThat(ModelSpecs.fees("none")).isEqualTo(FeeModel.none());
        // 0.1 % of 1,000 notional
        assertThat(ModelSpecs.fees("pct:0.1").fee(qty, price, true)).isEqualByComparingTo("1");
        // 0.005 per share but at least 1 per order
        assertThat(ModelSpecs.fees("per-share:0.005:1").fee(qty, price, true)).isEqualByComparingTo("1");
        assertThat(ModelSpecs.fees("per-share:0.5").fee(qty, price, true)).isEqualByComparingTo("5");
        assertThat(ModelSpecs.fees("fixed:2.5").fee(qty, price, true)).isEqualByComparingTo("2.5");
        assertThat(ModelSpecs.fees("fixed:2.5").fee(qty, price, false)).isEqualByComparingTo("0");
    }

    @Test
    void slippageForms() {
        assertThat(ModelSpecs.slippage("0")).isEqualTo(SlippageModel.none());
        assertThat(ModelSpecs.slippage("bps:5")).isEqualTo(SlippageModel.fixedBps(new BigDecimal("5")));
        assertThat(ModelSpecs.slippage("impact:0.1"))
                .isEqualTo(SlippageModel.volumeShareImpact(new BigDecimal("0.1")));
    }

    @Test
    void errorsNameTheSpecAndTheAcceptedForms() {
        assertThatThrownBy(() -> ModelSpecs.slippage("bps:5:7")).hasMessageContaining("unknown slippage model 'bps:5:7'");
        assertThatThrownBy(() -> ModelSpecs.fees("per-share:1:2:3")).hasMessageContaining("unknown fee model");
        assertThatThrownBy(() -> ModelSpecs.sizing("fixed-qty:1:2")).hasMessageContaining("unknown sizing model");
        assertThatThrownBy(() -> ModelSpecs.fees("bogus:1")).hasMessage(
                "unknown fee model 'bogus:1'; use one of: " + ModelSpecs.FEE_FORMS);
        assertThatThrownBy(() -> ModelSpecs.sizing("percent:abc"))
                .hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> ModelSpecs.sizing("atr:1")).hasMessageContaining("missing a number");
        assertThatThrownBy(() -> ModelSpecs.slippage(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ModelSpecs.sizing("all-in:5")).hasMessageContaining("unknown sizing model");
        assertThatThrownBy(() -> ModelSpecs.sizing("percent:0")).hasMessageContaining("pct");
    }
}
