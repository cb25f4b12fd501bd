package dev.papertrader.core.router;

import static dev.papertrader.core.model.Checks.required;

import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;

/**
 * Everything that decides how the {@link SignalRouter} turns signals into orders.
 *
 * @param filters        which signals are considered
 * @param risk           limits on openings
 * @param sizing         how big an opening is
 * @param fractional     false: quantities are whole units, rounded down; true: 8 decimals, rounded down, and
 *                       {@link Sizing.AllIn} becomes a notional order
 * @param longOnly       when true, a SELL while flat is rejected ({@code long-only}) instead of opening a short
 * @param orderType      {@link OrderType#MARKET} (default) or {@link OrderType#LIMIT}; stop orders need a stop
 *                       price a signal does not give, so they are refused here
 * @param limitOffsetBps for LIMIT orders, the limit price's distance from the signal price in basis points, on the
 *                       favourable side: a BUY limit is {@code price × (1 − bps / 10000)}, a SELL limit
 *                       {@code price × (1 + bps / 10000)}; within [0, 10000); null means 0
 * @param timeInForce    of every order; {@link TimeInForce#GTC} by default
 */
public record RouterConfig(FilterRules filters, RiskLimits risk, Sizing sizing, boolean fractional, boolean longOnly,
        OrderType orderType, BigDecimal limitOffsetBps, TimeInForce timeInForce) {

    private static final BigDecimal BPS_PER_UNIT = BigDecimal.valueOf(10_000);

    public RouterConfig {
        required(filters, "filters");
        required(risk, "risk");
        required(sizing, "sizing");
        orderType = orderType == null ? OrderType.MARKET : orderType;
        if (orderType != OrderType.MARKET && orderType != OrderType.LIMIT) {
            throw new IllegalArgumentException("the router creates MARKET or LIMIT orders, not " + orderType);
        }
        limitOffsetBps = limitOffsetBps == null ? BigDecimal.ZERO : limitOffsetBps;
        if (limitOffsetBps.signum() < 0 || limitOffsetBps.compareTo(BPS_PER_UNIT) >= 0) {
            throw new IllegalArgumentException(
                    "limitOffsetBps must be within [0, 10000), was " + limitOffsetBps.toPlainString());
        }
        timeInForce = timeInForce == null ? TimeInForce.GTC : timeInForce;
    }

    /**
     * No filters but duplicate suppression ({@link FilterRules#none()}), no risk limits, 10 % of equity per opening in
     * whole units, long only, market orders good till cancelled.
     */
    public static RouterConfig defaults() {
        return new RouterConfig(FilterRules.none(), RiskLimits.none(), new Sizing.PercentOfEquity(BigDecimal.TEN),
                false, true, OrderType.MARKET, BigDecimal.ZERO, TimeInForce.GTC);
    }

    public RouterConfig withFilters(FilterRules value) {
        return new RouterConfig(value, risk, sizing, fractional, longOnly, orderType, limitOffsetBps, timeInForce);
    }

    public RouterConfig withRisk(RiskLimits value) {
        return new RouterConfig(filters, value, sizing, fractional, longOnly, orderType, limitOffsetBps, timeInForce);
    }

    public RouterConfig withSizing(Sizing value) {
        return new RouterConfig(filters, risk, value, fractional, longOnly, orderType, limitOffsetBps, timeInForce);
    }

    public RouterConfig withFractional(boolean value) {
        return new RouterConfig(filters, risk, sizing, value, longOnly, orderType, limitOffsetBps, timeInForce);
    }

    public RouterConfig withLongOnly(boolean value) {
        return new RouterConfig(filters, risk, sizing, fractional, value, orderType, limitOffsetBps, timeInForce);
    }

    public RouterConfig withOrderType(OrderType value) {
        return new RouterConfig(filters, risk, sizing, fractional, longOnly, value, limitOffsetBps, timeInForce);
    }

    /** LIMIT orders priced {@code offsetBps} basis points on the favourable side of the signal price. */
    public RouterConfig withLimitOrders(BigDecimal offsetBps) {
        return new RouterConfig(filters, risk, sizing, fractional, longOnly, OrderType.LIMIT, offsetBps, timeInForce);
    }

    public RouterConfig withLimitOffsetBps(BigDecimal value) {
        return new RouterConfig(filters, risk, sizing, fractional, longOnly, orderType, value, timeInForce);
    }

    public RouterConfig withTimeInForce(TimeInForce value) {
        return new RouterConfig(filters, risk, sizing, fractional, longOnly, orderType, limitOffsetBps, value);
    }
}
