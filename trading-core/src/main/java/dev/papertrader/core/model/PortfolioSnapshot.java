package dev.papertrader.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An account's state after an event, published on {@code portfolio.updates}.
 *
 * @param cash        cash balance (may be negative when shorts are covered or margin is used)
 * @param equity      cash + market value of all positions
 * @param peakEquity  highest equity seen so far (for drawdown checks)
 * @param dayStartEquity equity at the start of the current trading day (for daily loss checks)
 * @param asOf        event time the snapshot reflects
 */
public record PortfolioSnapshot(String accountId, BigDecimal cash, BigDecimal equity, BigDecimal peakEquity,
        BigDecimal dayStartEquity, List<PositionSnapshot> positions, Instant asOf) {

    public PortfolioSnapshot {
        positions = List.copyOf(positions);
    }

    /** Signed quantity held in a symbol, zero when flat. */
    public BigDecimal positionQty(String symbol) {
        for (PositionSnapshot p : positions) {
            if (p.symbol().equals(symbol)) {
                return p.qty();
            }
        }
        return BigDecimal.ZERO;
    }

    /** Sum of the absolute market values of all positions. */
    public BigDecimal grossExposure() {
        BigDecimal sum = BigDecimal.ZERO;
        for (PositionSnapshot p : positions) {
            sum = sum.add(p.marketValue().abs());
        }
        return sum;
    }
}
