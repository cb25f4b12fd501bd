package dev.papertrader.portfolio.rest;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An open position.
 *
 * @param qty           signed: negative for a short
 * @param avgCost       average entry price of the open quantity
 * @param marketPrice   last close marked (avgCost before the first mark)
 * @param marketValue   qty × marketPrice
 * @param unrealizedPnl (marketPrice − avgCost) × qty
 * @param realizedPnl   realized P&amp;L of the symbol since the account started, fees deducted
 * @param entryTime     when the trade in progress opened
 * @param asOf          the slice that last changed the position
 */
@Schema(description = "An open position")
public record PositionResponse(String symbol, BigDecimal qty, BigDecimal avgCost, BigDecimal marketPrice,
        BigDecimal marketValue, BigDecimal unrealizedPnl, BigDecimal realizedPnl, Instant entryTime, Instant asOf) {
}
