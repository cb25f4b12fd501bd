package dev.papertrader.core.execution;

import static dev.papertrader.core.model.Checks.nonNegative;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a fill costs in commissions, in account currency.
 *
 * <p>Contract for implementations: the fee is never negative and never decreases when the quantity or the
 * price grows (the affordability search relies on it). Built-in models round every fee UP to
 * {@link #FEE_SCALE} decimals ({@link RoundingMode#CEILING}): a broker never charges less than its rate.
 */
public interface FeeModel {

    /** Decimals of every fee the built-in models compute. */
    int FEE_SCALE = 8;

    /**
     * @param firstFillOfOrder true for the order's first fill: per-order charges (a fixed fee, a minimum)
     *                         are paid on it and only on it
     */
    BigDecimal fee(BigDecimal qty, BigDecimal price, boolean firstFillOfOrder);

    /** Largest quantity (rounded DOWN to scale) whose cost qty×price+fee fits in budget, for a first fill. */
    default BigDecimal affordableQuantity(BigDecimal budget, BigDecimal price, int scale) {
        return affordableQuantity(budget, price, scale, true);
    }

    /**
     * Largest quantity {@code q}, a multiple of {@code 10^-scale}, with {@code q × price + fee(q, price, first) ≤
     * budget}; zero when not even one unit fits. The default searches by bisection between 0 and
     * {@code floor(budget / price)}, which is exact for any fee that grows with the quantity; the built-in
     * models use their closed forms (given on each factory) and then step down while rounding of the fee
     * overshoots.
     */
    default BigDecimal affordableQuantity(BigDecimal budget, BigDecimal price, int scale, boolean firstFillOfOrder) {
        return Affordability.bisect(this, budget, price, scale, firstFillOfOrder);
    }

    /** No commissions. Affordable: {@code floor(budget / price)}. */
    static FeeModel none() {
        return new NoFees();
    }

    /**
     * {@code perUnit × qty} per fill; the first fill of an order pays at least {@code minimumPerOrder}
     * ({@code max(perUnit × qty, minimumPerOrder)}), later fills of the same order pay {@code perUnit × qty}.
     * Affordable on a first fill: {@code min(floor(budget / (price + perUnit)), floor((budget − minimum) / price))},
     * later: {@code floor(budget / (price + perUnit))}.
     */
    static FeeModel perShare(BigDecimal perUnit, BigDecimal minimumPerOrder) {
        return new PerShare(perUnit, minimumPerOrder);
    }

    /**
     * {@code qty × price × percent / 100} per fill; {@code percent} is in percent (0.1 means 0.1 %).
     * Affordable: {@code floor(budget / (price × (1 + percent / 100)))}.
     */
    static FeeModel percentOfNotional(BigDecimal pct) {
        return new PercentOfNotional(pct);
    }

    /**
     * {@code amount} on the first fill of an order, nothing on its later fills.
     * Affordable on a first fill: {@code floor((budget − amount) / price)}, later: {@code floor(budget / price)}.
     */
    static FeeModel fixedPerOrder(BigDecimal amount) {
        return new FixedPerOrder(amount);
    }

    /** See {@link FeeModel#none()}. */
    record NoFees() implements FeeModel {
        @Override
        public BigDecimal fee(BigDecimal qty, BigDecimal price, boolean firstFillOfOrder) {
            return BigDecimal.ZERO.setScale(FEE_SCALE);
        }

        @Override
        public BigDecimal affordableQuantity(BigDecimal budget, BigDecimal price, int scale, boolean first) {
            return Affordability.stepDown(this, budget, price, scale, first, Affordability.floorDiv(budget, price, scale));
        }
    }

    /** See {@link FeeModel#perShare(BigDecimal, BigDecimal)}. */
    record PerShare(BigDecimal perUnit, BigDecimal minimumPerOrder) implements FeeModel {
        public PerShare {
            nonNegative(perUnit, "perUnit");
            nonNegative(minimumPerOrder, "minimumPerOrder");
        }

        @Override
        public BigDecimal fee(BigDecimal qty, BigDecimal price, boolean firstFillOfOrder) {
            BigDecimal fee = perUnit.multiply(qty);
            return Affordability.roundFee(firstFillOfOrder ? fee.max(minimumPerOrder) : fee);
        }

        @Override
        public BigDecimal affordableQuantity(BigDecimal budget, BigDecimal price, int scale, boolean first) {
            BigDecimal estimate = Affordability.floorDiv(budget, price.add(perUnit), scale);
            if (first) {
                estimate = estimate.min(Affordability.floorDiv(budget.subtract(minimumPerOrder), price, scale));
            }
            return Affordability.stepDown(this, budget, price, scale, first, estimate);
        }
    }

    /** See {@link FeeModel#percentOfNotional(BigDecimal)}. */
    record PercentOfNotional(BigDecimal percent) implements FeeModel {
        public PercentOfNotional {
            nonNegative(percent, "percent");
        }

        @Override
        public BigDecimal fee(BigDecimal qty, BigDecimal price, boolean firstFillOfOrder) {
            return Affordability.roundFee(qty.multiply(price).multiply(fraction()));
        }

        @Override
        public BigDecimal affordableQuantity(BigDecimal budget, BigDecimal price, int scale, boolean first) {
            BigDecimal costPerUnit = price.multiply(BigDecimal.ONE.add(fraction()));
            return Affordability.stepDown(this, budget, price, scale, first,
                    Affordability.floorDiv(budget, costPerUnit, scale));
        }

        private BigDecimal fraction() {
            return percent.movePointLeft(2);
        }
    }

    /** See {@link FeeModel#fixedPerOrder(BigDecimal)}. */
    record FixedPerOrder(BigDecimal amount) implements FeeModel {
        public FixedPerOrder {
            nonNegative(amount, "amount");
        }

        @Override
        public BigDecimal fee(BigDecimal qty, BigDecimal price, boolean firstFillOfOrder) {
            return Affordability.roundFee(firstFillOfOrder ? amount : BigDecimal.ZERO);
        }

        @Override
        public BigDecimal affordableQuantity(BigDecimal budget, BigDecimal price, int scale, boolean first) {
            BigDecimal available = first ? budget.subtract(amount) : budget;
            return Affordability.stepDown(this, budget, price, scale, first,
                    Affordability.floorDiv(available, price, scale));
        }
    }
}
