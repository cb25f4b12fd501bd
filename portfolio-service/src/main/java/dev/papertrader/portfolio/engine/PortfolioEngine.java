package dev.papertrader.portfolio.engine;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.portfolio.Account;
import dev.papertrader.core.portfolio.AccountState;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.Portfolio;
import dev.papertrader.core.portfolio.Position;
import dev.papertrader.core.portfolio.RoundTrip;
import dev.papertrader.portfolio.engine.SliceResult.AccountUpdate;
import dev.papertrader.portfolio.engine.SliceResult.Booking;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paper accounts of the service (trading-core {@link Portfolio}) and the last slice processed: books a slice's
 * fills and marks its bars in the order of the in-process {@code BacktestEngine}. Single-threaded (the service runs
 * it on its serial executor); no I/O.
 *
 * <h2>A slice</h2>
 * {@link #processSlice} books every fill in the order given (arrival order), then marks every account with every
 * bar in the order given, then takes one snapshot per account as of the slice's time. The backtest interleaves the
 * two per bar (a bar's fills, then its mark); the result is the same, because a mark only sets the symbol's last
 * price and sets the equity point at the slice's time, which the slice's last mark replaces with the fully booked
 * and marked account, and the peak and day start equity only ever see that final point.
 *
 * <h2>What is kept</h2>
 * After each slice every account is replaced by its restored {@linkplain Account#compactState() compact state}, so
 * what runs is always exactly what a restart restores, and memory does not grow with the length of the run; the
 * closed trades and the equity points are handed out in the {@link SliceResult} for the service to store.
 */
public final class PortfolioEngine {

    private final Portfolio portfolio;
    private Instant lastSlice;

    public PortfolioEngine(ZoneId tradingDayZone) {
        this.portfolio = new Portfolio(tradingDayZone);
    }

    /** The engine that {@link #state()} saved. */
    public static PortfolioEngine restore(ZoneId tradingDayZone, PortfolioEngineState state) {
        PortfolioEngine engine = new PortfolioEngine(tradingDayZone);
        engine.lastSlice = state.lastSlice();
        for (AccountState account : state.accounts()) {
            engine.portfolio.restore(account);
        }
        return engine;
    }

    public PortfolioEngineState state() {
        List<AccountState> accounts = new ArrayList<>();
        for (Account account : portfolio.accounts()) {
            accounts.add(account.compactState());
        }
        return new PortfolioEngineState(lastSlice, accounts);
    }

    /** The open time of the last slice processed; empty before the first. */
    public Optional<Instant> lastSlice() {
        return Optional.ofNullable(lastSlice);
    }

    /** Whether slice {@code time} is the last processed or an earlier one. */
    public boolean isPast(Instant time) {
        return lastSlice != null && !time.isAfter(lastSlice);
    }

    public boolean hasAccount(String accountId) {
        return portfolio.account(accountId).isPresent();
    }

    /** Ids of every account, sorted. */
    public List<String> accountIds() {
        return portfolio.accounts().stream().map(Account::accountId).toList();
    }

    /**
     * Opens an account; its snapshot is as of the last slice processed (null before the first).
     *
     * @throws IllegalStateException if an account with this id is open
     */
    public AccountUpdate open(String accountId, BigDecimal startingCash) {
        return update(portfolio.open(accountId, startingCash), lastSlice, null, Set.of());
    }

    /**
     * Replaces an account with a fresh one: no positions, no trades, an empty curve.
     *
     * @throws IllegalStateException if there is no account with this id
     */
    public AccountUpdate reset(String accountId, BigDecimal startingCash) {
        if (!hasAccount(accountId)) {
            throw new IllegalStateException("no account " + accountId);
        }
        return update(portfolio.reset(accountId, startingCash), lastSlice, null, Set.of());
    }

    /**
     * Processes slice {@code time} (see the class comment).
     *
     * @param fills in booking order
     * @param bars  in marking order, none older than an account's last equity point
     * @throws IllegalArgumentException if the slice is not after the last one processed
     * @throws IllegalStateException    if a fill is for an account that is not open
     */
    public SliceResult processSlice(Instant time, List<Fill> fills, List<Bar> bars) {
        Objects.requireNonNull(time, "time");
        if (isPast(time)) {
            throw new IllegalArgumentException("slice " + time + " is not after the last slice processed, " + lastSlice);
        }
        Map<String, Set<String>> touched = new HashMap<>();
        List<Booking> bookings = new ArrayList<>();
        for (Fill fill : fills) {
            Account account = portfolio.account(fill.accountId()).orElseThrow(() -> new IllegalStateException(
                    "fill " + fill.id() + " is for account " + fill.accountId() + ", which is not open"));
            List<RoundTrip> closed = account.apply(fill);
            bookings.add(new Booking(fill, closed));
            touched.computeIfAbsent(account.accountId(), id -> new TreeSet<>()).add(fill.symbol());
        }
        for (Bar bar : bars) {
            for (Account account : portfolio.accounts()) {
                account.mark(bar);
                touched.computeIfAbsent(account.accountId(), id -> new TreeSet<>()).add(bar.symbol());
            }
        }
        List<AccountUpdate> updates = new ArrayList<>();
        for (Account account : List.copyOf(portfolio.accounts())) {
            EquityPoint point = bars.isEmpty() || account.equityCurve().isEmpty() ? null : account.equityCurve().getLast();
            updates.add(update(account, time, point, touched.getOrDefault(account.accountId(), Set.of())));
            portfolio.restore(account.compactState());
        }
        lastSlice = time;
        return new SliceResult(time, bookings, updates);
    }

    private static AccountUpdate update(Account account, Instant asOf, EquityPoint point, Set<String> touchedSymbols) {
        List<Position> open = new ArrayList<>();
        List<String> flat = new ArrayList<>();
        for (String symbol : new TreeSet<>(touchedSymbols)) {
            Position position = account.position(symbol).orElse(null);
            if (position != null && position.qty().signum() != 0) {
                open.add(position);
            } else {
                flat.add(symbol);
            }
        }
        return new AccountUpdate(account.accountId(), account.startingCash(), account.realizedPnl(),
                account.grossExposure(), account.snapshot(asOf), point, open, flat);
    }
}
