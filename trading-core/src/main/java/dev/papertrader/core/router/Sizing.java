package dev.papertrader.core.router;

import static dev.papertrader.core.model.Checks.positive;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;

/**
 * How big an opening order is. Exits ignore sizing: they always trade the whole position.
 * <p>
 * With E = the snapshot's equity, C = available cash (snapshot cash − the estimated cost of this router's open BUY
 * orders, floored at 0) and P = the signal's price, the raw quantity is:
 * <ul>
 * <li>{@link FixedQuantity}: {@code qty}</li>
 * <li>{@link FixedNotional}: {@code notional / P}</li>
 * <li>{@link PercentOfEquity}: {@code E × pct / 100 / P}</li>
 * <li>{@link AtrRisk}: {@code E × riskPctOfEquity / 100 / (atr × atrMultiple)}, so that a move of
 *     {@code atrMultiple} ATRs against the position loses {@code riskPctOfEquity} % of equity; needs
 *     {@code signal.atr}</li>
 * <li>{@link AllIn}: {@code C / P}; or, with fractional quantities, a notional order for exactly C (the exchange
 *     computes the quantity at the fill price so all the cash is used)</li>
 * </ul>
 * The quantity is then rounded {@link java.math.RoundingMode#DOWN DOWN} to whole units, or to 8 decimals when the
 * router's {@code fractional} flag is set. A long opening is further capped at {@code C / P} (same rounding): the
 * router never spends cash it does not have. A short opening is not capped by cash (selling short raises cash); bound
 * it with {@link RiskLimits}. A quantity of zero is rejected with rule {@code sizing}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Sizing.FixedQuantity.class, name = "fixed-quantity"),
    @JsonSubTypes.Type(value = Sizing.FixedNotional.class, name = "fixed-notional"),
    @JsonSubTypes.Type(value = Sizing.PercentOfEquity.class, name = "percent-of-equity"),
    @JsonSubTypes.Type(value = Sizing.AtrRisk.class, name = "atr-risk"),
    @JsonSubTypes.Type(value = Sizing.AllIn.class, name = "all-in")
})
public sealed interface Sizing {

    /** The same quantity every time, in units of the instrument. */
    record FixedQuantity(BigDecimal qty) implements Sizing {
        public FixedQuantity {
            positive(qty, "qty");
        }
    }

    /** The same cash amount every time: {@code qty = notional / price}. */
    record FixedNotional(BigDecimal notional) implements Sizing {
        public FixedNotional {
            positive(notional, "notional");
        }
    }

    /** A share of equity: {@code qty = equity × pct / 100 / price}; pct in percent, within (0, 100]. */
    record PercentOfEquity(BigDecimal pct) implements Sizing {
        public PercentOfEquity {
            positive(pct, "pct");
            if (pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("pct must be at most 100, was " + pct.toPlainString());
            }
        }
    }

    /**
     * Volatility sizing: {@code qty = equity × riskPctOfEquity / 100 / (atr × atrMultiple)}.
     *
     * @param riskPctOfEquity percent of equity lost if the price moves {@code atrMultiple} ATRs against the position
     * @param atrMultiple     stop distance in ATRs
     */
    record AtrRisk(BigDecimal riskPctOfEquity, BigDecimal atrMultiple) implements Sizing {
        public AtrRisk {
            positive(riskPctOfEquity, "riskPctOfEquity");
            positive(atrMultiple, "atrMultiple");
            if (riskPctOfEquity.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException(
                        "riskPctOfEquity must be at most 100, was " + riskPctOfEquity.toPlainString());
            }
        }
    }

    /** All available cash. */
    record AllIn() implements Sizing {
    }
}
