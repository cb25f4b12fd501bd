package dev.papertrader.core.portfolio;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One closed trade: a position from flat to flat in one symbol.
 *
 * @param direction  LONG or SHORT
 * @param qty        largest absolute quantity held during the trade
 * @param entryTime  time of the fill that opened the position
 * @param entryPrice quantity-weighted average price of the fills that opened or added to the position
 *                   (10 decimals, half-even)
 * @param exitTime   time of the fill that brought it back to flat (or through zero)
 * @param exitPrice  quantity-weighted average price of the fills that reduced or closed it (10 decimals, half-even)
 * @param pnl        realized profit, fees of entry and exit deducted; the sum of what the trade added to the
 *                   account's realized P&amp;L
 * @param fees       fees paid on the trade's fills
 */
public record RoundTrip(String accountId, String symbol, Direction direction, Instant entryTime, BigDecimal entryPrice,
        Instant exitTime, BigDecimal exitPrice, BigDecimal qty, BigDecimal pnl, BigDecimal fees) {

    public enum Direction {
        LONG, SHORT
    }
}
