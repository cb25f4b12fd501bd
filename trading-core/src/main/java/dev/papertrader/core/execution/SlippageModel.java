package dev.papertrader.core.execution;

import static dev.papertrader.core.model.Checks.required;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How much worse than the rule price (open, limit or stop, see {@link ExecutionSimulator}) a fill gets.
 *
 * <p>Contract for implementations: the result is never better for the trader than {@code price} (higher or
 * equal for a buy, lower or equal for a sell), stays positive, and is monotone in {@code qty} (a larger
 * quantity never gets a better price). The simulator relies on monotony to keep notional orders within
 * their budget. Built-in models round to {@link #PRICE_SCALE} decimals, {@link RoundingMode#HALF_EVEN}.
 */
public interface SlippageModel {

    /** Decimals of every fill price the simulator reports. */
    int PRICE_SCALE = 8;

    /**
     * @param side  the order's side
     * @param price the price the fill rules gave (bar open, limit or stop price)
     * @param qty   the quantity being filled (zero when the simulator only estimates a notional order's price)
     * @param bar   the bar the fill happens on
     * @return the price the fill gets, at least as bad as {@code price}
     */
    BigDecimal apply(Side side, BigDecimal price, BigDecimal qty, Bar bar);

    /** Fills at the rule price. */
    static SlippageModel none() {
        return new None();
    }

    /**
     * A fixed cost in basis points: a buy pays {@code price × (1 + bps / 10000)}, a sell receives
     * {@code price × (1 − bps / 10000)}. {@code bps} is within [0, 10000).
     */
    static SlippageModel fixedBps(BigDecimal bps) {
        return new FixedBps(bps);
    }

    /**
     * Market impact linear in the order's share of the bar's volume:
     * {@code impact = coefficient × min(1, qty / bar.volume)} (a share of 1 when the bar has no volume), and a
     * buy pays {@code price × (1 + impact)}, a sell receives {@code price × (1 − impact)}. Linear rather than
     * square-root so that every fill can be checked by hand; with the volume cap of {@link ExecutionConfig}
     * the share stays small, where the two laws differ least. {@code coefficient} is within [0, 1).
     */
    static SlippageModel volumeShareImpact(BigDecimal impactCoefficient) {
        return new VolumeShareImpact(impactCoefficient);
    }

    /**
     * Moves {@code price} against the trader by {@code fraction}: up for a buy, down for a sell, rounded to
     * {@link #PRICE_SCALE} decimals, HALF_EVEN.
     */
    static BigDecimal adverse(Side side, BigDecimal price, BigDecimal fraction) {
        BigDecimal factor = side == Side.BUY ? BigDecimal.ONE.add(fraction) : BigDecimal.ONE.subtract(fraction);
        return price.multiply(factor).setScale(PRICE_SCALE, RoundingMode.HALF_EVEN);
    }

    /** See {@link SlippageModel#none()}. */
    record None() implements SlippageModel {
        @Override
        public BigDecimal apply(Side side, BigDecimal price, BigDecimal qty, Bar bar) {
            return price.setScale(PRICE_SCALE, RoundingMode.HALF_EVEN);
        }
    }

    /** See {@link SlippageModel#fixedBps(BigDecimal)}. */
    record FixedBps(BigDecimal bps) implements SlippageModel {
        private static final BigDecimal BPS_PER_UNIT = BigDecimal.valueOf(10_000);

        public FixedBps {
            required(bps, "bps");
            if (bps.signum() < 0 || bps.compareTo(BPS_PER_UNIT) >= 0) {
                throw new IllegalArgumentException("bps must be within [0, 10000), was " + bps.toPlainString());
            }
        }

        @Override
        public BigDecimal apply(Side side, BigDecimal price, BigDecimal qty, Bar bar) {
            return adverse(side, price, bps.divide(BPS_PER_UNIT));
        }
    }

    /** See {@link SlippageModel#volumeShareImpact(BigDecimal)}. */
    record VolumeShareImpact(BigDecimal impactCoefficient) implements SlippageModel {
        public VolumeShareImpact {
            required(impactCoefficient, "impactCoefficient");
            if (impactCoefficient.signum() < 0 || impactCoefficient.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("impactCoefficient must be within [0, 1), was "
                        + impactCoefficient.toPlainString());
            }
        }

        @Override
        public BigDecimal apply(Side side, BigDecimal price, BigDecimal qty, Bar bar) {
            BigDecimal share = bar.volume().signum() == 0 ? BigDecimal.ONE
                    : qty.divide(bar.volume(), MathContext.DECIMAL128).min(BigDecimal.ONE);
            return adverse(side, price, impactCoefficient.multiply(share));
        }
    }
}
