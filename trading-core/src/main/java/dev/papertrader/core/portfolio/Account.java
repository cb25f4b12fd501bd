package dev.papertrader.core.portfolio;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import dev.papertrader.core.portfolio.RoundTrip.Direction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One paper account: cash, positions, realized P&amp;L, closed trades and the equity curve, booked from fills and
 * marked to market from bars. Deterministic and not thread-safe (a service serializes access per account).
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Cash</b> moves by the fill: buy −(price × qty + fee), sell +(price × qty − fee). Exact, never rounded.</li>
 * <li><b>Position</b> qty is signed. A fill in the position's direction (or from flat) opens/adds:
 *     costBasis += signedQty × price, avgCost = costBasis / qty.</li>
 * <li>A fill against the position reduces it by closedQty = min(fill qty, |qty|): realized gain
 *     = (price − avgCost) × closedSignedQty, where closedSignedQty carries the position's sign (so a short gains
 *     when the price falls); costBasis −= avgCost × closedSignedQty, or all of it when the position closes (so a
 *     closed position leaves no rounding residue behind). avgCost is unchanged by a reduction.</li>
 * <li>A fill larger than the position <b>crosses zero</b>: its first |qty| closes the trade, the rest opens a new
 *     trade in the other direction at the fill price. Its fee is split pro rata by quantity: the closing part
 *     = fee × closedQty / fillQty (10 decimals half-even), the opening part is the exact remainder.</li>
 * <li><b>Fees</b> are realized when paid: an entry fee lowers realizedPnl at entry, an exit fee at exit. A trade's
 *     pnl is the sum of its reductions' gains minus all of its fees. Hence, exactly,
 *     {@code startingCash + realizedPnl == cash + Σ costBasis}, and
 *     {@code cash + Σ qty × avgCost} differs from it only by the rounding of avgCost: at most
 *     0.5 × 10⁻¹⁰ × the largest |qty| of the open trade, per open position. When every position is closed,
 *     {@code cash == startingCash + realizedPnl} exactly.</li>
 * <li><b>Averages</b> (avgCost, a trade's entry and exit price) are rounded to 10 decimals, half-even.</li>
 * <li><b>Equity</b> = cash + Σ qty × marketPrice, marketPrice being the last mark's close, or avgCost for a
 *     symbol not marked yet. <b>Gross exposure</b> = Σ |qty × marketPrice|. Unrealized P&amp;L of a position
 *     = (marketPrice − avgCost) × qty.</li>
 * <li><b>Marks</b> come in event-time order. A mark appends an {@link EquityPoint} at the bar's open time; a mark
 *     at the time of the last point (another symbol's bar of the same time) replaces that point. A mark earlier
 *     than the last point is rejected. Fills do not amend the curve: the next mark does.</li>
 * <li><b>Peak equity</b> = max(startingCash, equity of every point of the curve). <b>Day start equity</b> = equity
 *     of the first point of the last point's trading day (the day of its time in {@code tradingDayZone}); both
 *     follow a replaced point, so they see the fully marked time, not a half-marked one. Before any mark both
 *     are startingCash.</li>
 * </ul>
 */
public final class Account {

    private static final long SECONDS_PER_DAY = 86_400;

    private final String accountId;
    private final BigDecimal startingCash;
    private final ZoneId tradingDayZone;
    private final ZoneRules tradingDayRules;
    private BigDecimal cash;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    /** Every symbol ever traded or marked, flat ones included, sorted by symbol. */
    private final Map<String, Position> ledger = new TreeMap<>();
    private final List<RoundTrip> trades = new ArrayList<>();
    private final List<EquityPoint> curve = new ArrayList<>();
    /** max(startingCash, equity of every point but the last): the last point may still be replaced. */
    private BigDecimal peakBeforeLastPoint;
    /** Index of the point whose equity is peakBeforeLastPoint; -1 while startingCash is that peak. */
    private int peakPointIndex = -1;
    private int dayStartIndex = -1;
    private LocalDate currentDay;

    public Account(String accountId, BigDecimal startingCash, ZoneId tradingDayZone) {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("accountId is required");
        }
        Objects.requireNonNull(startingCash, "startingCash is required");
        if (startingCash.signum() < 0) {
            throw new IllegalArgumentException("startingCash must not be negative, was " + startingCash.toPlainString());
        }
        this.accountId = accountId;
        this.startingCash = startingCash;
        this.tradingDayZone = Objects.requireNonNull(tradingDayZone, "tradingDayZone is required");
        this.tradingDayRules = tradingDayZone.getRules();
        this.cash = startingCash;
        this.peakBeforeLastPoint = startingCash;
    }

    /** Rebuilds an account from its {@link #state()}; derived values (realized P&amp;L, peak, day start) are recomputed. */
    public static Account restore(AccountState state) {
        Account account = new Account(state.accountId(), state.startingCash(), state.tradingDayZone());
        account.cash = state.cash();
        for (Position position : state.positions()) {
            account.ledger.put(position.symbol(), position);
            account.realizedPnl = account.realizedPnl.add(position.realizedPnl());
        }
        account.trades.addAll(state.trades());
        for (EquityPoint point : state.equityCurve()) {
            account.appendPoint(point);
        }
        return account;
    }

    public AccountState state() {
        return new AccountState(accountId, startingCash, tradingDayZone, cash, List.copyOf(ledger.values()), trades,
                curve);
    }

    /**
     * The {@link #state()} without the closed trades and with only the equity points the account's future depends
     * on: the point of highest equity before the last one (peak equity), the first point of the last point's
     * trading day (day start equity) and the last point (a mark at its time replaces it, an earlier one is
     * rejected). Its size depends on the ledger, not on how long the account has run, so a service can save it
     * after every event while it keeps the trades and the curve in tables of their own.
     *
     * <p>An account {@linkplain #restore restored} from it books, marks and snapshots exactly like this one from
     * then on: the same cash, positions, realized P&amp;L, peak and day start equity, the same trades closed and
     * points recorded later. Only its {@link #trades()} and {@link #equityCurve()} begin with what was kept.
     */
    public AccountState compactState() {
        List<EquityPoint> kept = new ArrayList<>(3);
        if (!curve.isEmpty()) {
            int last = curve.size() - 1;
            if (peakPointIndex >= 0 && peakPointIndex < dayStartIndex) {
                kept.add(curve.get(peakPointIndex));
            }
            if (dayStartIndex < last) {
                kept.add(curve.get(dayStartIndex));
            }
            if (peakPointIndex > dayStartIndex && peakPointIndex < last) {
                kept.add(curve.get(peakPointIndex));
            }
            kept.add(curve.get(last));
        }
        return new AccountState(accountId, startingCash, tradingDayZone, cash, List.copyOf(ledger.values()), List.of(),
                kept);
    }

    /**
     * Books a fill (see the class rules).
     *
     * @return the round trips the fill closed: none, or one (a fill closes at most the one trade in progress)
     * @throws IllegalArgumentException if the fill belongs to another account
     */
    public List<RoundTrip> apply(Fill fill) {
        if (!fill.accountId().equals(accountId)) {
            throw new IllegalArgumentException("fill " + fill.id() + " is for account " + fill.accountId()
                    + ", not " + accountId);
        }
        cash = cash.add(fill.cashDelta());
        Position position = ledger.getOrDefault(fill.symbol(), Position.flat(fill.symbol()));
        int fillSign = fill.side().sign();
        BigDecimal openingQty = fill.qty();
        BigDecimal openingFee = fill.fee();
        List<RoundTrip> closed = new ArrayList<>(1);

        if (position.qty().signum() == -fillSign) {
            BigDecimal held = position.qty().abs();
            BigDecimal closedQty = fill.qty().min(held);
            BigDecimal closingFee = closedQty.compareTo(fill.qty()) == 0 ? fill.fee()
                    : Averages.average(fill.fee().multiply(closedQty), fill.qty());
            BigDecimal closedSignedQty = position.qty().signum() > 0 ? closedQty : closedQty.negate();
            boolean closesPosition = closedQty.compareTo(held) == 0;
            BigDecimal removedCost = closesPosition ? position.costBasis() : position.avgCost().multiply(closedSignedQty);
            BigDecimal realized = fill.price().multiply(closedSignedQty).subtract(removedCost).subtract(closingFee);
            realizedPnl = realizedPnl.add(realized);
            OpenTrade trade = position.openTrade().reduce(closedQty, fill.price(), closingFee, realized);
            BigDecimal symbolRealized = position.realizedPnl().add(realized);
            if (closesPosition) {
                closed.add(trade.close(accountId, fill.symbol(), fill.filledAt()));
                position = new Position(fill.symbol(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                        position.lastPrice(), symbolRealized, null);
            } else {
                position = new Position(fill.symbol(), position.qty().subtract(closedSignedQty), position.avgCost(),
                        position.costBasis().subtract(removedCost), position.lastPrice(), symbolRealized, trade);
            }
            openingQty = fill.qty().subtract(closedQty);
            openingFee = fill.fee().subtract(closingFee);
        }

        if (openingQty.signum() > 0) {
            BigDecimal signedQty = fillSign > 0 ? openingQty : openingQty.negate();
            BigDecimal qty = position.qty().add(signedQty);
            BigDecimal costBasis = position.costBasis().add(signedQty.multiply(fill.price()));
            OpenTrade trade = position.openTrade() == null
                    ? OpenTrade.open(fillSign > 0 ? Direction.LONG : Direction.SHORT, fill.filledAt(), openingQty,
                            fill.price(), openingFee)
                    : position.openTrade().add(openingQty, fill.price(), openingFee, qty.abs());
            realizedPnl = realizedPnl.subtract(openingFee);
            position = new Position(fill.symbol(), qty, Averages.average(costBasis, qty), costBasis,
                    position.lastPrice(), position.realizedPnl().subtract(openingFee), trade);
        }

        ledger.put(fill.symbol(), position);
        trades.addAll(closed);
        return List.copyOf(closed);
    }

    /**
     * Marks the account to market with a bar's close and records the equity point at the bar's open time.
     *
     * @throws IllegalArgumentException if the bar is older than the last equity point
     */
    public void mark(Bar bar) {
        if (!curve.isEmpty() && bar.openTime().isBefore(curve.getLast().time())) {
            throw new IllegalArgumentException("mark at " + bar.openTime() + " is older than the last equity point at "
                    + curve.getLast().time());
        }
        Position position = ledger.get(bar.symbol());
        if (position == null) {
            position = Position.flat(bar.symbol());
        }
        ledger.put(bar.symbol(), position.withLastPrice(bar.close()));
        // equity() and grossExposure() in one pass, each market value computed once: this runs for every bar.
        BigDecimal equity = cash;
        BigDecimal exposure = BigDecimal.ZERO;
        for (Position held : ledger.values()) {
            BigDecimal value = held.marketValue();
            equity = equity.add(value);
            exposure = exposure.add(value.abs());
        }
        appendPoint(new EquityPoint(bar.openTime(), equity, cash, exposure));
    }

    private void appendPoint(EquityPoint point) {
        if (!curve.isEmpty() && curve.getLast().time().equals(point.time())) {
            curve.set(curve.size() - 1, point);
            return;
        }
        if (!curve.isEmpty() && curve.getLast().equity().compareTo(peakBeforeLastPoint) > 0) {
            peakBeforeLastPoint = curve.getLast().equity();
            peakPointIndex = curve.size() - 1;
        }
        curve.add(point);
        // The local date's epoch day, as LocalDate.ofInstant computes it, without building date objects per point.
        Instant time = point.time();
        long epochDay = Math.floorDiv(time.getEpochSecond() + tradingDayRules.getOffset(time).getTotalSeconds(),
                SECONDS_PER_DAY);
        if (currentDay == null || epochDay != currentDay.toEpochDay()) {
            currentDay = LocalDate.ofEpochDay(epochDay);
            dayStartIndex = curve.size() - 1;
        }
    }

    public PortfolioSnapshot snapshot(Instant asOf) {
        List<PositionSnapshot> open = new ArrayList<>();
        for (Position position : positions().values()) {
            open.add(position.toSnapshot());
        }
        return new PortfolioSnapshot(accountId, cash, equity(), peakEquity(), dayStartEquity(), open, asOf);
    }

    public String accountId() {
        return accountId;
    }

    public ZoneId tradingDayZone() {
        return tradingDayZone;
    }

    public BigDecimal startingCash() {
        return startingCash;
    }

    public BigDecimal cash() {
        return cash;
    }

    /** cash + Σ qty × marketPrice. */
    public BigDecimal equity() {
        BigDecimal equity = cash;
        for (Position position : ledger.values()) {
            equity = equity.add(position.marketValue());
        }
        return equity;
    }

    /** Σ |qty × marketPrice| over open positions. */
    public BigDecimal grossExposure() {
        BigDecimal exposure = BigDecimal.ZERO;
        for (Position position : ledger.values()) {
            exposure = exposure.add(position.marketValue().abs());
        }
        return exposure;
    }

    /** Realized P&amp;L since the start, every fee paid deducted (entry fees of still-open trades included). */
    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    /** max(startingCash, equity of every point of the curve). */
    public BigDecimal peakEquity() {
        return curve.isEmpty() ? peakBeforeLastPoint : peakBeforeLastPoint.max(curve.getLast().equity());
    }

    /** Equity of the first point of the last point's trading day; startingCash before the first mark. */
    public BigDecimal dayStartEquity() {
        return dayStartIndex < 0 ? startingCash : curve.get(dayStartIndex).equity();
    }

    /** Open positions (qty ≠ 0) by symbol, sorted. */
    public Map<String, Position> positions() {
        Map<String, Position> open = new TreeMap<>();
        for (Position position : ledger.values()) {
            if (position.qty().signum() != 0) {
                open.put(position.symbol(), position);
            }
        }
        return Collections.unmodifiableMap(open);
    }

    /** A symbol's position, flat or not, if the account has ever traded or marked it. */
    public Optional<Position> position(String symbol) {
        return Optional.ofNullable(ledger.get(symbol));
    }

    /** Closed trades, oldest first. */
    public List<RoundTrip> trades() {
        return List.copyOf(trades);
    }

    public List<EquityPoint> equityCurve() {
        return List.copyOf(curve);
    }
}
