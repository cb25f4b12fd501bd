package dev.papertrader.core.model;

import java.math.BigDecimal;

/**
 * One position as seen in a {@link PortfolioSnapshot}.
 *
 * @param qty           signed: positive long, negative short
 * @param avgCost       average entry price of the open quantity
 * @param marketPrice   last close seen for the symbol
 * @param marketValue   qty × marketPrice (negative for shorts)
 * @param unrealizedPnl (marketPrice − avgCost) × qty
 * @param realizedPnl   realized P&amp;L of this symbol since the account started, fees deducted
 */
public record PositionSnapshot(String symbol, BigDecimal qty, BigDecimal avgCost, BigDecimal marketPrice,
        BigDecimal marketValue, BigDecimal unrealizedPnl, BigDecimal realizedPnl) {
}
