package dev.papertrader.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionTests {

    private static final Instant T = Instant.parse("2013-01-02T00:00:00Z");

    private static Decision decision(BigDecimal qty, BigDecimal notional) {
        return new Decision("d1", "s1", "default", "macd-crossover", "AAPL", SignalType.BUY, true, "accepted", "all-in",
                "o1", qty, notional, T);
    }

    @Test
    void aRejectionHasNoSizeAndAnAcceptanceAPositiveQuantityOrNotional() {
        assertThat(decision(null, null).qty()).isNull();
        assertThat(decision(new BigDecimal("2.5"), null).qty()).isEqualByComparingTo("2.5");
        assertThat(decision(null, new BigDecimal("10000")).notional()).isEqualByComparingTo("10000");
    }

    @Test
    void aZeroOrNegativeQuantityOrNotionalIsRefused() {
        // found by deploy/chaos: the monitor took such a poison decision from trading.decisions instead of dead-lettering it
        assertThatThrownBy(() -> decision(BigDecimal.ZERO, null)).hasMessage("qty must be positive, was 0");
        assertThatThrownBy(() -> decision(new BigDecimal("-1"), null)).hasMessage("qty must be positive, was -1");
        assertThatThrownBy(() -> decision(null, BigDecimal.ZERO)).hasMessage("notional must be positive, was 0");
    }
}
