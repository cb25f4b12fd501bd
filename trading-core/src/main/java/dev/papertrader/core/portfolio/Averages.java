package dev.papertrader.core.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of the accounting: averages (average cost, a trade's entry and exit price, the part
 * of a fee that falls on each side of a fill that crosses zero) are divisions, so they are rounded to
 * {@value #SCALE} decimals, {@link RoundingMode#HALF_EVEN}. Everything else (cash, cost basis, realized P&amp;L,
 * equity) is sums and products of exact decimals, kept exact.
 */
final class Averages {
    static final int SCALE = 10;
    static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Averages() {
    }

    /** total / qty at {@value #SCALE} decimals, half-even. */
    static BigDecimal average(BigDecimal total, BigDecimal qty) {
        return total.divide(qty, SCALE, ROUNDING);
    }
}
