package dev.papertrader.core.router;

import static dev.papertrader.core.router.Format.normalize;
import static dev.papertrader.core.router.Format.plain;

import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Computes an opening's size by the formulas written on {@link Sizing}. Pure: same inputs, same answer. */
final class PositionSizer {

    /** Decimal places of a fractional quantity or notional. */
    static final int FRACTIONAL_SCALE = 8;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PositionSizer() {
    }

    /** The size of an opening, or why there is none. */
    sealed interface Outcome permits Sized, Unsized {
    }

    /**
     * Exactly one of {@code qty} and {@code notional} is set; {@code description} says how it was computed, ending in
     * the result (e.g. {@code percent-of-equity 10% of equity 10000 at 81.5 -> 12 AAPL}).
     */
    record Sized(BigDecimal qty, BigDecimal notional, String description) implements Outcome {
    }

    record Unsized(String reason) implements Outcome {
    }

    /**
     * @param side          BUY for a long opening (capped by cash), SELL for a short one
     * @param equity        the snapshot's equity
     * @param availableCash cash not reserved by open BUY orders, never negative
     */
    static Outcome size(Sizing sizing, boolean fractional, Side side, Signal signal, BigDecimal equity,
            BigDecimal availableCash) {
        int scale = fractional ? FRACTIONAL_SCALE : 0;
        BigDecimal price = signal.price();
        String symbol = signal.symbol();
        BigDecimal qty;
        String basis;
        switch (sizing) {
            case Sizing.FixedQuantity fixed -> {
                qty = fixed.qty().setScale(scale, RoundingMode.DOWN);
                basis = "fixed-quantity " + plain(fixed.qty());
            }
            case Sizing.FixedNotional fixed -> {
                qty = fixed.notional().divide(price, scale, RoundingMode.DOWN);
                basis = "fixed-notional " + plain(fixed.notional()) + " at " + plain(price);
            }
            case Sizing.PercentOfEquity percent -> {
                qty = equity.multiply(percent.pct()).divide(HUNDRED.multiply(price), scale, RoundingMode.DOWN);
                basis = "percent-of-equity " + plain(percent.pct()) + "% of equity " + plain(equity) + " at "
                        + plain(price);
            }
            case Sizing.AtrRisk atrRisk -> {
                if (signal.atr() == null) {
                    return new Unsized("atr-risk sizing needs the signal's atr; the " + symbol + " signal has none");
                }
                BigDecimal stopDistance = signal.atr().multiply(atrRisk.atrMultiple());
                qty = equity.multiply(atrRisk.riskPctOfEquity())
                        .divide(HUNDRED.multiply(stopDistance), scale, RoundingMode.DOWN);
                basis = "atr-risk " + plain(atrRisk.riskPctOfEquity()) + "% of equity " + plain(equity) + " / (atr "
                        + plain(signal.atr()) + " x " + plain(atrRisk.atrMultiple()) + ")";
            }
            case Sizing.AllIn allIn -> {
                if (fractional) {
                    return allInNotional(availableCash, symbol);
                }
                qty = availableCash.divide(price, 0, RoundingMode.DOWN);
                basis = "all-in available cash " + plain(availableCash) + " at " + plain(price);
            }
        }
        String note = "";
        if (side == Side.BUY && !(sizing instanceof Sizing.AllIn)) {
            BigDecimal affordable = availableCash.divide(price, scale, RoundingMode.DOWN);
            if (qty.compareTo(affordable) > 0) {
                note = " (capped from " + plain(qty) + " by available cash " + plain(availableCash) + ")";
                qty = affordable;
            }
        }
        if (qty.signum() <= 0) {
            return new Unsized(basis + " -> 0 " + symbol + note);
        }
        return new Sized(normalize(qty), null, basis + " -> " + plain(qty) + " " + symbol + note);
    }

    private static Outcome allInNotional(BigDecimal availableCash, String symbol) {
        BigDecimal notional = availableCash.scale() > FRACTIONAL_SCALE
                ? availableCash.setScale(FRACTIONAL_SCALE, RoundingMode.DOWN)
                : availableCash;
        if (notional.signum() <= 0) {
            return new Unsized("all-in: no available cash for " + symbol + " (" + plain(availableCash) + ")");
        }
        return new Sized(null, normalize(notional), "all-in notional order for available cash " + plain(notional)
                + " of " + symbol + "; quantity set at the fill price");
    }
}
