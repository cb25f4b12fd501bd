package dev.papertrader.core.portfolio;

import dev.papertrader.core.portfolio.RoundTrip.Direction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The trade in progress in one symbol: what has been bought and sold since the position left flat.
 * Quantities here are absolute; the direction gives the sign.
 *
 * @param entryTime     time of the fill that opened the position
 * @param entryQty      total quantity of the fills that opened or added to the position
 * @param entryNotional Σ qty × price of those fills (exact)
 * @param exitQty       total quantity of the fills that reduced the position
 * @param exitNotional  Σ qty × price of those fills (exact)
 * @param maxQty        largest absolute quantity held so far
 * @param pnl           realized P&amp;L of the trade so far: every fee paid (entry fees included) and the gains
 *                      of the reductions
 * @param fees          fees paid on the trade's fills
 */
public record OpenTrade(Direction direction, Instant entryTime, BigDecimal entryQty, BigDecimal entryNotional,
        BigDecimal exitQty, BigDecimal exitNotional, BigDecimal maxQty, BigDecimal pnl, BigDecimal fees) {

    public OpenTrade {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(entryTime, "entryTime");
        Objects.requireNonNull(entryQty, "entryQty");
        Objects.requireNonNull(entryNotional, "entryNotional");
        Objects.requireNonNull(exitQty, "exitQty");
        Objects.requireNonNull(exitNotional, "exitNotional");
        Objects.requireNonNull(maxQty, "maxQty");
        Objects.requireNonNull(pnl, "pnl");
        Objects.requireNonNull(fees, "fees");
    }

    /** A trade opened by a fill (or the opening part of a fill that crossed zero) of qty at price, paying fee. */
    static OpenTrade open(Direction direction, Instant time, BigDecimal qty, BigDecimal price, BigDecimal fee) {
        return new OpenTrade(direction, time, qty, qty.multiply(price), BigDecimal.ZERO, BigDecimal.ZERO, qty,
                fee.negate(), fee);
    }

    /** Adds qty at price to the position, which then holds heldQty (absolute). */
    OpenTrade add(BigDecimal qty, BigDecimal price, BigDecimal fee, BigDecimal heldQty) {
        return new OpenTrade(direction, entryTime, entryQty.add(qty), entryNotional.add(qty.multiply(price)), exitQty,
                exitNotional, maxQty.max(heldQty), pnl.subtract(fee), fees.add(fee));
    }

    /** Reduces the position by qty at price; realized is that reduction's P&amp;L with its fee already deducted. */
    OpenTrade reduce(BigDecimal qty, BigDecimal price, BigDecimal fee, BigDecimal realized) {
        return new OpenTrade(direction, entryTime, entryQty, entryNotional, exitQty.add(qty),
                exitNotional.add(qty.multiply(price)), maxQty, pnl.add(realized), fees.add(fee));
    }

    /** Quantity-weighted average price of the entries, {@value Averages#SCALE} decimals half-even. */
    public BigDecimal entryPrice() {
        return Averages.average(entryNotional, entryQty);
    }

    /** Quantity-weighted average price of the exits so far, null before the first reduction. */
    public BigDecimal exitPrice() {
        return exitQty.signum() == 0 ? null : Averages.average(exitNotional, exitQty);
    }

    RoundTrip close(String accountId, String symbol, Instant exitTime) {
        return new RoundTrip(accountId, symbol, direction, entryTime, entryPrice(), exitTime, exitPrice(), maxQty, pnl,
                fees);
    }
}
