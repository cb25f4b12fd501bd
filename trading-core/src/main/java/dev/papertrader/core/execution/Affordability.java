package dev.papertrader.core.execution;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Shared arithmetic of {@link FeeModel#affordableQuantity(BigDecimal, BigDecimal, int, boolean)}. */
final class Affordability {
    private Affordability() {
    }

    static BigDecimal roundFee(BigDecimal fee) {
        return fee.setScale(FeeModel.FEE_SCALE, RoundingMode.CEILING);
    }

    /** {@code floor(amount / price)} at {@code scale} decimals, never negative. */
    static BigDecimal floorDiv(BigDecimal amount, BigDecimal price, int scale) {
        if (amount.signum() <= 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return amount.divide(price, scale, RoundingMode.FLOOR);
    }

    static boolean fits(FeeModel fees, BigDecimal budget, BigDecimal price, BigDecimal qty, boolean first) {
        return qty.multiply(price).add(fees.fee(qty, price, first)).compareTo(budget) <= 0;
    }

    /**
     * From a closed-form estimate, which is exact before fee rounding, steps down one unit at a time while
     * the rounded fee makes it overshoot (a few units at most); falls back to bisection if it does not settle.
     */
    static BigDecimal stepDown(FeeModel fees, BigDecimal budget, BigDecimal price, int scale, boolean first,
            BigDecimal estimate) {
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        BigDecimal qty = estimate.max(BigDecimal.ZERO).setScale(scale, RoundingMode.FLOOR);
        for (int step = 0; step < 16; step++) {
            if (qty.signum() == 0 || fits(fees, budget, price, qty, first)) {
                return qty;
            }
            qty = qty.subtract(unit);
        }
        return bisect(fees, budget, price, scale, first);
    }

    /** Largest fitting quantity by bisection over whole units of {@code 10^-scale}. */
    static BigDecimal bisect(FeeModel fees, BigDecimal budget, BigDecimal price, int scale, boolean first) {
        BigInteger low = BigInteger.ZERO; // always treated as fitting: zero is the answer when nothing fits
        BigInteger high = floorDiv(budget, price, scale).unscaledValue();
        while (low.compareTo(high) < 0) {
            BigInteger mid = low.add(high).add(BigInteger.ONE).shiftRight(1);
            if (fits(fees, budget, price, new BigDecimal(mid, scale), first)) {
                low = mid;
            } else {
                high = mid.subtract(BigInteger.ONE);
            }
        }
        return new BigDecimal(low, scale);
    }
}
