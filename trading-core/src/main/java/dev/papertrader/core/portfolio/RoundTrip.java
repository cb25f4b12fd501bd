package dev.papertrader.core.portfolio;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One closed trade: a position from flat to flat in one symbol.
 *
 * @param direction  LONG or SHORT
 * @param qty        largest absolute quantity held during the trade
 * @param entryPrice average price of the fills that opened or added to the position
 * @param exitPrice  average price of the fills that reduced or closed it
 * @param pnl        realized profit, fees of entry and exit deducted
 * @param fees       fees paid on the trade's fills
 */
public record RoundTrip(String accountId, String symbol, Direction direction, Instant entryTime, BigDecimal entryPrice,
        Instant exitTime, BigDecimal exitPrice, BigDecimal qty, BigDecimal pnl, BigDecimal fees) {

    public enum Direction {
        LONG, SHORT
    }
}
