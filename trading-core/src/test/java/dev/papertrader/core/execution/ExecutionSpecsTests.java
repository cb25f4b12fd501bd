package dev.papertrader.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExecutionSpecsTests {

    @Test
    void readsEverySlippageForm() {
        assertThat(ExecutionSpecs.slippage("none")).isEqualTo(SlippageModel.none());
        assertThat(ExecutionSpecs.slippage("bps:5")).isEqualTo(SlippageModel.fixedBps(new BigDecimal("5")));
        assertThat(ExecutionSpecs.slippage(" Impact:0.1 ")).isEqualTo(SlippageModel.volumeShareImpact(new BigDecimal("0.1")));
    }

    @Test
    void readsEveryFeeForm() {
        assertThat(ExecutionSpecs.fees("NONE")).isEqualTo(FeeModel.none());
        assertThat(ExecutionSpecs.fees("pct:0.1")).isEqualTo(FeeModel.percentOfNotional(new BigDecimal("0.1")));
        assertThat(ExecutionSpecs.fees("per-share:0.005"))
                .isEqualTo(FeeModel.perShare(new BigDecimal("0.005"), BigDecimal.ZERO));
        assertThat(ExecutionSpecs.fees("per-share:0.005:1"))
                .isEqualTo(FeeModel.perShare(new BigDecimal("0.005"), new BigDecimal("1")));
        assertThat(ExecutionSpecs.fees("fixed:1")).isEqualTo(FeeModel.fixedPerOrder(new BigDecimal("1")));
    }

    @Test
    void readsNumbersExactly() {
        // 0.1 has no exact binary form: a parse through double would give 0.1000000000000000055511151231257827...
        FeeModel.PercentOfNotional pct = (FeeModel.PercentOfNotional) ExecutionSpecs.fees("pct:0.1");
        assertThat(pct.percent()).isEqualByComparingTo("0.1").hasScaleOf(1);
        // 100 shares at 50.00 with 0.1 %: 5000 × 0.001 = 5.00000000
        assertThat(pct.fee(new BigDecimal("100"), new BigDecimal("50.00"), true)).isEqualByComparingTo("5");
    }

    @Test
    void writesTheSpecBack() {
        for (String spec : new String[] {"none", "bps:5", "impact:0.1"}) {
            assertThat(ExecutionSpecs.spec(ExecutionSpecs.slippage(spec))).isEqualTo(spec);
        }
        for (String spec : new String[] {"none", "pct:0.1", "per-share:0.005", "per-share:0.005:1", "fixed:1"}) {
            assertThat(ExecutionSpecs.spec(ExecutionSpecs.fees(spec))).isEqualTo(spec);
        }
    }

    @Test
    void rejectsUnknownNamesWithTheAcceptedForms() {
        assertThatThrownBy(() -> ExecutionSpecs.slippage("sqrt:0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid spec 'sqrt:0.1': unknown slippage model 'sqrt'; expected one of: "
                        + "none, bps:<basis points>, impact:<coefficient>");
        assertThatThrownBy(() -> ExecutionSpecs.fees("flat:1"))
                .hasMessageContaining("unknown fee model 'flat'")
                .hasMessageContaining("per-share:<per unit>[:<minimum per order>]");
    }

    @Test
    void rejectsWrongArgumentCounts() {
        assertThatThrownBy(() -> ExecutionSpecs.slippage("bps"))
                .hasMessageStartingWith("invalid spec 'bps': 'bps' takes 1 argument, got 0");
        assertThatThrownBy(() -> ExecutionSpecs.slippage("none:1"))
                .hasMessageStartingWith("invalid spec 'none:1': 'none' takes 0 arguments, got 1");
        assertThatThrownBy(() -> ExecutionSpecs.fees("per-share:1:2:3"))
                .hasMessageStartingWith("invalid spec 'per-share:1:2:3': 'per-share' takes 1 or 2 arguments, got 3");
    }

    @Test
    void rejectsNonNumbersAndValuesTheModelRefuses() {
        assertThatThrownBy(() -> ExecutionSpecs.slippage("bps:five"))
                .hasMessageStartingWith("invalid spec 'bps:five': 'five' is not a number");
        assertThatThrownBy(() -> ExecutionSpecs.slippage("bps:10000"))
                .hasMessageStartingWith("invalid spec 'bps:10000': bps must be within [0, 10000), was 10000");
        assertThatThrownBy(() -> ExecutionSpecs.fees("fixed:-1"))
                .hasMessageStartingWith("invalid spec 'fixed:-1': amount must not be negative, was -1");
    }

    @Test
    void rejectsAMissingSpec() {
        assertThatThrownBy(() -> ExecutionSpecs.fees(" "))
                .hasMessageStartingWith("no fees spec given; expected one of: none, pct:");
        assertThatThrownBy(() -> ExecutionSpecs.slippage(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
