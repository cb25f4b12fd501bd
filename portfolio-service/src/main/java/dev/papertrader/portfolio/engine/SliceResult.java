package dev.papertrader.portfolio.engine;

import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.Position;
import dev.papertrader.core.portfolio.RoundTrip;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What processing one slice did, for the service to store and publish.
 *
 * @param bookings one per fill, in booking order
 * @param accounts every account after the slice, sorted by id
 */
public record SliceResult(Instant time, List<Booking> bookings, List<AccountUpdate> accounts) {

    public SliceResult {
        bookings = List.copyOf(bookings);
        accounts = List.copyOf(accounts);
    }

    /** A fill booked, with the round trips it closed (none or one). */
    public record Booking(Fill fill, List<RoundTrip> closed) {

        public Booking {
            closed = List.copyOf(closed);
        }
    }

    /**
     * One account as the slice left it.
     *
     * @param snapshot      the snapshot to publish, {@code asOf} = the slice's time
     * @param equityPoint   the account's last equity point if the slice marked it (the point at the slice's time),
     *                      else null
     * @param openPositions the open positions of the symbols the slice touched (by a fill or a bar)
     * @param flatSymbols   the symbols the slice touched that are flat now, sorted
     */
    public record AccountUpdate(String accountId, BigDecimal startingCash, BigDecimal realizedPnl,
            BigDecimal grossExposure, PortfolioSnapshot snapshot, EquityPoint equityPoint, List<Position> openPositions,
            List<String> flatSymbols) {

        public AccountUpdate {
            openPositions = List.copyOf(openPositions);
            flatSymbols = List.copyOf(flatSymbols);
        }
    }
}
