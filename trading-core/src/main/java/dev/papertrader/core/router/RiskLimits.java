package dev.papertrader.core.router;

import static dev.papertrader.core.model.Checks.nonNegative;

import java.math.BigDecimal;

/**
 * Limits that openings must respect. Exits are never refused by a risk limit: reducing risk must not be blocked.
 * <p>
 * Every decimal limit is <b>disabled when null or zero</b>; {@code maxOpenOrders} is disabled when zero. Percentages
 * are in percent ({@code 5} means 5 %). Negative values are refused.
 *
 * @param maxPositionQty      an opening is refused ({@code max-position}) when the new position's |qty| would be
 *                            greater than this
 * @param maxPositionNotional an opening is refused ({@code max-position}) when |qty| × signal price (or the order's
 *                            notional) would be greater than this
 * @param maxGrossExposure    an opening is refused ({@code max-gross-exposure}) when the snapshot's gross exposure
 *                            (Σ |market value|) + the notional of this router's open opening orders + the new notional
 *                            would be greater than this
 * @param maxOpenOrders       an opening is refused ({@code max-open-orders}) when this router already has this many
 *                            open orders (openings and exits)
 * @param dailyLossLimitPct   openings are refused ({@code daily-loss-limit}) while
 *                            {@code dayStartEquity − equity ≥ dailyLossLimitPct / 100 × dayStartEquity}
 * @param maxDrawdownHaltPct  when {@code peakEquity − equity ≥ maxDrawdownHaltPct / 100 × peakEquity} at an opening,
 *                            the router halts itself ({@code max-drawdown-halt}) and refuses openings until
 *                            {@link SignalRouter#resume()}
 */
public record RiskLimits(BigDecimal maxPositionQty, BigDecimal maxPositionNotional, BigDecimal maxGrossExposure,
        int maxOpenOrders, BigDecimal dailyLossLimitPct, BigDecimal maxDrawdownHaltPct) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public RiskLimits {
        nonNegativeOrNull(maxPositionQty, "maxPositionQty");
        nonNegativeOrNull(maxPositionNotional, "maxPositionNotional");
        nonNegativeOrNull(maxGrossExposure, "maxGrossExposure");
        if (maxOpenOrders < 0) {
            throw new IllegalArgumentException("maxOpenOrders must not be negative, was " + maxOpenOrders);
        }
        percentOrNull(dailyLossLimitPct, "dailyLossLimitPct");
        percentOrNull(maxDrawdownHaltPct, "maxDrawdownHaltPct");
    }

    /** No limit at all. */
    public static RiskLimits none() {
        return new RiskLimits(null, null, null, 0, null, null);
    }

    public RiskLimits withMaxPositionQty(BigDecimal qty) {
        return new RiskLimits(qty, maxPositionNotional, maxGrossExposure, maxOpenOrders, dailyLossLimitPct,
                maxDrawdownHaltPct);
    }

    public RiskLimits withMaxPositionNotional(BigDecimal notional) {
        return new RiskLimits(maxPositionQty, notional, maxGrossExposure, maxOpenOrders, dailyLossLimitPct,
                maxDrawdownHaltPct);
    }

    public RiskLimits withMaxGrossExposure(BigDecimal exposure) {
        return new RiskLimits(maxPositionQty, maxPositionNotional, exposure, maxOpenOrders, dailyLossLimitPct,
                maxDrawdownHaltPct);
    }

    public RiskLimits withMaxOpenOrders(int orders) {
        return new RiskLimits(maxPositionQty, maxPositionNotional, maxGrossExposure, orders, dailyLossLimitPct,
                maxDrawdownHaltPct);
    }

    public RiskLimits withDailyLossLimitPct(BigDecimal pct) {
        return new RiskLimits(maxPositionQty, maxPositionNotional, maxGrossExposure, maxOpenOrders, pct,
                maxDrawdownHaltPct);
    }

    public RiskLimits withMaxDrawdownHaltPct(BigDecimal pct) {
        return new RiskLimits(maxPositionQty, maxPositionNotional, maxGrossExposure, maxOpenOrders, dailyLossLimitPct,
                pct);
    }

    /** True when a decimal limit is in force, i.e. neither null nor zero. */
    static boolean enabled(BigDecimal limit) {
        return limit != null && limit.signum() != 0;
    }

    private static void nonNegativeOrNull(BigDecimal value, String field) {
        if (value != null) {
            nonNegative(value, field);
        }
    }

    private static void percentOrNull(BigDecimal value, String field) {
        if (value != null && (value.signum() < 0 || value.compareTo(HUNDRED) > 0)) {
            throw new IllegalArgumentException(field + " must be within [0, 100] percent, was " + value.toPlainString());
        }
    }
}
