package dev.papertrader.core.portfolio;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything an {@link Account} needs to resume: what a service persists. Values derived from it (realized
 * P&amp;L, peak equity, day start equity) are recomputed by {@link Account#restore(AccountState)} rather than
 * stored twice. Serializes with {@code JsonCodec}.
 *
 * @param positions the whole ledger, flat symbols included (their realized P&amp;L and last price)
 */
public record AccountState(String accountId, BigDecimal startingCash, ZoneId tradingDayZone, BigDecimal cash,
        List<Position> positions, List<RoundTrip> trades, List<EquityPoint> equityCurve) {

    public AccountState {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(startingCash, "startingCash");
        Objects.requireNonNull(tradingDayZone, "tradingDayZone");
        Objects.requireNonNull(cash, "cash");
        positions = List.copyOf(positions);
        trades = List.copyOf(trades);
        equityCurve = List.copyOf(equityCurve);
    }
}
