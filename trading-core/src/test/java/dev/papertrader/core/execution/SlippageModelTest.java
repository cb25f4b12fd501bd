package dev.papertrader.core.execution;

import static dev.papertrader.core.execution.Fixtures.barWithVolume;
import static dev.papertrader.core.execution.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Side;
import org.junit.jupiter.api.Test;

class SlippageModelTest {

    private static final Bar BAR = barWithVolume(1, "100", "200");

    @Test
    void noneKeepsThePriceAtEightDecimalsHalfEven() {
        SlippageModel none = SlippageModel.none();
        assertThat(none.apply(Side.BUY, d("100"), d("1"), BAR)).isEqualTo(d("100.00000000"));
        assertThat(none.apply(Side.BUY, d("0.000000125"), d("1"), BAR)).isEqualTo(d("0.00000012"));
        assertThat(none.apply(Side.SELL, d("0.000000135"), d("1"), BAR)).isEqualTo(d("0.00000014"));
    }

    @Test
    void fixedBpsMovesThePriceAgainstTheTrader() {
        SlippageModel bps = SlippageModel.fixedBps(d("25"));
        assertThat(bps.apply(Side.BUY, d("40"), d("1"), BAR)).isEqualTo(d("40.10000000"));
        assertThat(bps.apply(Side.SELL, d("40"), d("1"), BAR)).isEqualTo(d("39.90000000"));
        // 0.00001234 × 1.0001 = 0.000012341234, rounded to 8 decimals.
        assertThat(SlippageModel.fixedBps(d("1")).apply(Side.BUY, d("0.00001234"), d("1"), BAR))
                .isEqualTo(d("0.00001234"));
    }

    @Test
    void volumeShareImpactIsLinearInTheShareOfTheBar() {
        SlippageModel impact = SlippageModel.volumeShareImpact(d("0.2"));
        // 50 of 200 = 25 %; impact 0.2 × 0.25 = 5 %.
        assertThat(impact.apply(Side.BUY, d("100"), d("50"), BAR)).isEqualByComparingTo("105");
        assertThat(impact.apply(Side.SELL, d("100"), d("50"), BAR)).isEqualByComparingTo("95");
        // The share is capped at 1, and a bar without volume counts as a share of 1.
        assertThat(impact.apply(Side.BUY, d("100"), d("500"), BAR)).isEqualByComparingTo("120");
        assertThat(impact.apply(Side.BUY, d("100"), d("1"), barWithVolume(1, "100", "0")))
                .isEqualByComparingTo("120");
        assertThat(impact.apply(Side.BUY, d("100"), d("0"), BAR)).isEqualByComparingTo("100");
    }

    @Test
    void parametersOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> SlippageModel.fixedBps(d("-1"))).hasMessageContaining("bps");
        assertThatThrownBy(() -> SlippageModel.fixedBps(d("10000"))).hasMessageContaining("bps");
        assertThatThrownBy(() -> SlippageModel.volumeShareImpact(d("1"))).hasMessageContaining("impactCoefficient");
        assertThatThrownBy(() -> SlippageModel.volumeShareImpact(d("-0.1"))).hasMessageContaining("impactCoefficient");
    }
}
