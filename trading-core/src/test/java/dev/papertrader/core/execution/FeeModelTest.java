package dev.papertrader.core.execution;

import static dev.papertrader.core.execution.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class FeeModelTest {

    @Test
    void noFeesAffordsBudgetOverPrice() {
        FeeModel none = FeeModel.none();
        assertThat(none.fee(d("100"), d("10"), true)).isEqualByComparingTo("0");
        assertThat(none.affordableQuantity(d("1000"), d("30"), 0)).isEqualTo(d("33"));
        assertThat(none.affordableQuantity(d("1000"), d("30"), 2)).isEqualTo(d("33.33"));
    }

    @Test
    void perShareChargesTheMinimumOnTheFirstFillOnly() {
        FeeModel perShare = FeeModel.perShare(d("0.001"), d("5"));
        assertThat(perShare.fee(d("100"), d("10"), true)).isEqualTo(d("5.00000000"));
        assertThat(perShare.fee(d("100"), d("10"), false)).isEqualTo(d("0.10000000"));
        assertThat(perShare.fee(d("10000"), d("10"), true)).isEqualTo(d("10.00000000"));
    }

    @Test
    void perShareAffordabilityRespectsTheMinimum() {
        FeeModel perShare = FeeModel.perShare(d("0.001"), d("5"));
        // min(floor(1004 / 10.001), floor((1004 − 5) / 10)) = min(100, 99): 100 shares would cost 1000 + 5.
        assertThat(perShare.affordableQuantity(d("1004"), d("10"), 0)).isEqualTo(d("99"));
        assertThat(perShare.affordableQuantity(d("1005"), d("10"), 0)).isEqualTo(d("100"));
        // A later fill pays no minimum: 100 × 10 + 0.1 = 1000.1 fits.
        assertThat(perShare.affordableQuantity(d("1004"), d("10"), 0, false)).isEqualTo(d("100"));
    }

    @Test
    void percentOfNotionalIsInPercent() {
        FeeModel percent = FeeModel.percentOfNotional(d("0.1"));
        assertThat(percent.fee(d("50"), d("100"), true)).isEqualByComparingTo("5");
        assertThat(percent.fee(d("50"), d("100"), false)).isEqualByComparingTo("5");
        // floor(10000 / 100.1)
        assertThat(percent.affordableQuantity(d("10000"), d("100"), 0)).isEqualTo(d("99"));
        assertThat(percent.affordableQuantity(d("10000"), d("100"), 8)).isEqualTo(d("99.90009990"));
    }

    @Test
    void feesAreRoundedUpToEightDecimals() {
        // 1 × 0.00000001 × 0.1 % = 0.00000000001, charged as 0.00000001.
        assertThat(FeeModel.percentOfNotional(d("0.1")).fee(d("1"), d("0.00000001"), true))
                .isEqualTo(d("0.00000001"));
        assertThat(FeeModel.perShare(d("0.000000001"), d("0")).fee(d("1"), d("1"), true))
                .isEqualTo(d("0.00000001"));
    }

    @Test
    void fixedPerOrderIsChargedOnce() {
        FeeModel fixed = FeeModel.fixedPerOrder(d("5"));
        assertThat(fixed.fee(d("100"), d("10"), true)).isEqualByComparingTo("5");
        assertThat(fixed.fee(d("100"), d("10"), false)).isEqualByComparingTo("0");
        // floor((1004 − 5) / 10) on a first fill, floor(1004 / 10) later.
        assertThat(fixed.affordableQuantity(d("1004"), d("10"), 0)).isEqualTo(d("99"));
        assertThat(fixed.affordableQuantity(d("1004"), d("10"), 0, false)).isEqualTo(d("100"));
        assertThat(fixed.affordableQuantity(d("4"), d("1"), 0)).isEqualByComparingTo("0");
    }

    @Test
    void aCustomModelGetsTheBisectionSearch() {
        // Tiered: 2 below 1000 of notional, 5 from 1000 on.
        FeeModel tiered = (qty, price, first) -> qty.multiply(price).compareTo(d("1000")) < 0 ? d("2") : d("5");
        // 99 shares: 990 + 2 = 992 fits 1003; 100 shares: 1000 + 5 = 1005 does not.
        assertThat(tiered.affordableQuantity(d("1003"), d("10"), 0)).isEqualTo(d("99"));
        assertThat(tiered.affordableQuantity(d("1005"), d("10"), 0)).isEqualTo(d("100"));
        assertThat(tiered.affordableQuantity(d("1"), d("10"), 0)).isEqualByComparingTo("0");
    }

    @Test
    void negativeParametersAreRefused() {
        assertThatThrownBy(() -> FeeModel.perShare(d("-0.01"), d("1"))).hasMessageContaining("perUnit");
        assertThatThrownBy(() -> FeeModel.percentOfNotional(d("-1"))).hasMessageContaining("percent");
        assertThatThrownBy(() -> FeeModel.fixedPerOrder(d("-1"))).hasMessageContaining("amount");
    }

    @Provide
    Arbitrary<FeeModel> builtInModels() {
        return Arbitraries.of(List.of(FeeModel.none(), FeeModel.perShare(d("0.005"), d("1")),
                FeeModel.perShare(d("0.0000003"), d("0.37")), FeeModel.percentOfNotional(d("0.1")),
                FeeModel.percentOfNotional(d("0.0017")), FeeModel.fixedPerOrder(d("4.99"))));
    }

    @Property
    void closedFormsGiveTheLargestQuantityThatFits(@ForAll("builtInModels") FeeModel fees,
            @ForAll @BigRange(min = "0", max = "100000") @Scale(2) BigDecimal budget,
            @ForAll @BigRange(min = "0.00001", max = "5000") @Scale(6) BigDecimal price,
            @ForAll @IntRange(min = 0, max = 8) int scale, @ForAll boolean first) {
        BigDecimal qty = fees.affordableQuantity(budget, price, scale, first);
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);

        assertThat(qty.signum()).isGreaterThanOrEqualTo(0);
        assertThat(qty.scale()).isEqualTo(scale);
        if (qty.signum() > 0) {
            assertThat(Affordability.fits(fees, budget, price, qty, first)).isTrue();
        }
        assertThat(Affordability.fits(fees, budget, price, qty.add(unit), first)).isFalse();
        assertThat(qty).isEqualByComparingTo(Affordability.bisect(fees, budget, price, scale, first));
    }
}
