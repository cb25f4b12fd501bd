package dev.papertrader.portfolio.rest;

import dev.papertrader.core.portfolio.RoundTrip;
import dev.papertrader.core.portfolio.RoundTrip.Direction;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A closed round trip (flat to flat in one symbol), as trading-core's {@link RoundTrip}.
 *
 * @param seq        its number among the service's trades; later trades have higher numbers
 * @param qty        largest absolute quantity held
 * @param entryPrice quantity-weighted average price of the entries
 * @param exitPrice  quantity-weighted average price of the exits
 * @param pnl        realized profit, fees of entry and exit deducted
 * @param exitFillId the fill that closed it
 */
@Schema(description = "A closed round trip")
public record TradeResponse(long seq, String accountId, String symbol, Direction direction, BigDecimal qty,
        Instant entryTime, BigDecimal entryPrice, Instant exitTime, BigDecimal exitPrice, BigDecimal pnl,
        BigDecimal fees, String exitFillId) {

    /** The trading-core round trip. */
    public RoundTrip toRoundTrip() {
        return new RoundTrip(accountId, symbol, direction, entryTime, entryPrice, exitTime, exitPrice, qty, pnl, fees);
    }
}
