package dev.papertrader.core.portfolio;

import dev.papertrader.core.model.PositionSnapshot;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One symbol in an account's ledger. The ledger keeps a position for every symbol ever traded or marked, flat
 * ones included, so that a symbol's realized P&amp;L and last price survive a return to flat.
 *
 * @param qty         signed: positive long, negative short, zero flat
 * @param avgCost     average entry price of the open quantity ({@value Averages#SCALE} decimals half-even);
 *                    adding recomputes it as costBasis / qty, reducing leaves it unchanged; 0 when flat
 * @param costBasis   exact signed cost of the open quantity: Σ qty × price of the entries, minus avgCost × qty of
 *                    each partial reduction; equal to qty × avgCost up to the rounding of avgCost, and the term
 *                    that makes {@code startingCash + realizedPnl == cash + Σ costBasis} exact
 * @param lastPrice   close of the last bar marked for the symbol; null before the first mark
 * @param realizedPnl realized P&amp;L of the symbol since the account started, every fee deducted when paid
 * @param openTrade   the trade in progress; null when flat
 */
public record Position(String symbol, BigDecimal qty, BigDecimal avgCost, BigDecimal costBasis, BigDecimal lastPrice,
        BigDecimal realizedPnl, OpenTrade openTrade) {

    public Position {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(qty, "qty");
        Objects.requireNonNull(avgCost, "avgCost");
        Objects.requireNonNull(costBasis, "costBasis");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        if ((qty.signum() == 0) != (openTrade == null)) {
            throw new IllegalArgumentException("a position has an open trade exactly when its qty is not zero");
        }
    }

    static Position flat(String symbol) {
        return new Position(symbol, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, BigDecimal.ZERO, null);
    }

    /** The price the position is valued at: the last mark's close, or avgCost before any mark. */
    public BigDecimal marketPrice() {
        return lastPrice != null ? lastPrice : avgCost;
    }

    /** qty × marketPrice (negative for a short). */
    public BigDecimal marketValue() {
        return qty.multiply(marketPrice());
    }

    /** (marketPrice − avgCost) × qty: what closing at the market price would add to realized P&amp;L, before fees. */
    public BigDecimal unrealizedPnl() {
        return marketPrice().subtract(avgCost).multiply(qty);
    }

    Position withLastPrice(BigDecimal price) {
        return new Position(symbol, qty, avgCost, costBasis, price, realizedPnl, openTrade);
    }

    public PositionSnapshot toSnapshot() {
        return new PositionSnapshot(symbol, qty, avgCost, marketPrice(), marketValue(), unrealizedPnl(), realizedPnl);
    }
}
