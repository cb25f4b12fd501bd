package dev.papertrader.core.router;

import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;
import static dev.papertrader.core.router.Format.normalize;
import static dev.papertrader.core.router.Format.plain;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.NameUuid;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.router.RouterState.AcceptedSignal;
import dev.papertrader.core.router.RouterState.DecidedSignal;
import dev.papertrader.core.router.RouterState.OpenOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one account's signals into orders: filter rules, risk checks and position sizing. Every signal gets exactly
 * one {@link Decision}, accepted or rejected, naming the rule ({@link RouterRules}) and the reason.
 * <p>
 * <b>Pure and deterministic.</b> A decision depends only on the configuration, the signal, the portfolio snapshot
 * passed in (the account's state as of the signal's bar) and the router's {@link RouterState}; never on a clock. Event
 * time is {@code signal.barTime()}. Not thread-safe: one router per account, called from one thread.
 *
 * <h2>Direction</h2>
 * Signals say BUY or SELL; the position in the snapshot says what that means:
 * <ul>
 * <li>flat: BUY opens a long; SELL opens a short, or is rejected ({@code long-only}) when the config is long-only;</li>
 * <li>long: SELL closes the whole position (qty = position); BUY is rejected ({@code already-long}, no pyramiding);</li>
 * <li>short: BUY covers the whole short; SELL is rejected ({@code already-short}).</li>
 * </ul>
 * An <i>exit</i> is an order that closes a position; an <i>opening</i> is one that opens one.
 *
 * <h2>Checks, in order; the first that fails is the decision's rule</h2>
 * <ol>
 * <li>{@code duplicate}: the signal id was already decided (always checked: a repeated id would repeat the order
 *     id), or, when {@link FilterRules#suppressDuplicates()}, the same symbol, type and bar time was already
 *     accepted (from any strategy). Only accepted signals block others: a signal rejected for its own reasons (weak,
 *     disabled strategy) must not silence a valid one from another strategy.</li>
 * <li>{@code symbol-allowlist}: a non-empty allowlist does not name the symbol.</li>
 * <li>{@code strategy-disabled}: the strategy is in {@link FilterRules#disabledStrategies()}.</li>
 * <li>{@code min-strength} (openings only): {@code strength < minStrength}.</li>
 * <li>{@code session-hours} (openings only): the bar time is outside {@link FilterRules#sessionHours()}.</li>
 * <li>{@code cooldown} (openings only): {@code barTime − barTime of the symbol's last accepted order < cooldown};
 *     any accepted order counts, exits included.</li>
 * <li>{@code long-only}, {@code already-long}, {@code already-short}: see Direction.</li>
 * <li>{@code pending-order}: an order of this router for the symbol is still open (exits too).</li>
 * <li>{@code kill-switch} or {@code max-drawdown-halt} (openings only): the router is halted; the rule is the one
 *     that halted it and the reason is {@link #haltReason()}.</li>
 * <li>{@code max-drawdown-halt} (openings only): {@code peakEquity − equity ≥ maxDrawdownHaltPct / 100 ×
 *     peakEquity}. This also halts the router until {@link #resume()}, reason recorded. If the drawdown is still at
 *     the limit after a resume, the next opening halts it again: raise or disable the limit first.</li>
 * <li>{@code daily-loss-limit} (openings only): {@code dayStartEquity − equity ≥ dailyLossLimitPct / 100 ×
 *     dayStartEquity}.</li>
 * <li>{@code max-open-orders} (openings only): this router already has {@code maxOpenOrders} open orders.</li>
 * <li>{@code sizing} (openings only): the quantity by {@link Sizing} is zero, or the sizing cannot be computed
 *     (no ATR). It comes before the two limits below because they need the quantity.</li>
 * <li>{@code max-position} (openings only): the new |qty| is over {@code maxPositionQty}, or its notional
 *     (qty × signal price, or the notional of a notional order) is over {@code maxPositionNotional}.</li>
 * <li>{@code max-gross-exposure} (openings only): snapshot gross exposure + notional of this router's open opening
 *     orders + the new notional is over {@code maxGrossExposure}. Open orders count because several signals of one
 *     bar all see the same snapshot.</li>
 * </ol>
 * Exits go through checks 1–3 and 8 only: reducing risk is never blocked by a risk limit, the kill switch or the
 * drawdown halt, nor by strength, session or cooldown.
 *
 * <h2>Orders</h2>
 * <ul>
 * <li>id: {@code UUID.nameUUIDFromBytes("order|" + accountId + "|" + signalId)}; decision id likewise from
 *     {@code "decision|" + accountId + "|" + signalId}, so a replay repeats both;</li>
 * <li>createdAt and decidedAt: the signal's bar time, or the later decision time given to
 *     {@link #route(Signal, PortfolioSnapshot, Instant)};</li>
 * <li>type and time in force from the config; a LIMIT price is the signal price moved {@code limitOffsetBps} to the
 *     favourable side (lower for a BUY, higher for a SELL);</li>
 * <li>quantity: exits trade the whole position; openings follow {@link Sizing}. Cash available to sizing is the
 *     snapshot's cash minus the estimated cost (qty × signal price, or notional) of this router's open BUY orders,
 *     never below zero.</li>
 * </ul>
 *
 * <h2>Open orders</h2>
 * An accepted order counts as open from acceptance until {@link #onExecution} sees a final {@link OrderStatusEvent}
 * (FILLED, CANCELED, EXPIRED, REJECTED) for it. Fills alone do not close it. Events of other accounts and of orders
 * this router did not create are ignored. A snapshot that already reflects a fill while the order still counts as
 * open makes the checks more cautious, never less.
 */
public final class SignalRouter {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal BPS_PER_UNIT = BigDecimal.valueOf(10_000);

    private final String accountId;
    private RouterConfig config;

    private final Map<String, OpenOrder> openOrders = new TreeMap<>();
    private final Map<String, Instant> lastAcceptedAt = new HashMap<>();
    /** Signal id → bar time, and the same ids indexed by bar time so old ones can be forgotten cheaply. */
    private final Map<String, Instant> seenSignals = new HashMap<>();
    private final TreeMap<Instant, Set<String>> seenSignalsByBarTime = new TreeMap<>();
    /** Bar time → (symbol|type → strategy) of accepted signals. */
    private final TreeMap<Instant, Map<String, String>> acceptedByBarTime = new TreeMap<>();
    private Instant newestBarTime;
    /** The latest cutoff {@link #forgetSignalsBefore} applied: nothing older was kept when it ran. */
    private Instant forgottenBefore;

    private boolean halted;
    private String haltRule;
    private String haltReason;

    public SignalRouter(RouterConfig config, String accountId) {
        this.config = required(config, "config");
        this.accountId = requiredText(accountId, "accountId");
    }

    /** A router that continues exactly where the one whose {@link #state()} this is stopped. */
    public static SignalRouter restore(RouterConfig config, String accountId, RouterState state) {
        required(state, "state");
        SignalRouter router = new SignalRouter(config, accountId);
        state.openOrders().forEach(order -> router.openOrders.put(order.orderId(), order));
        router.lastAcceptedAt.putAll(state.lastAcceptedAt());
        state.seenSignals().forEach(router::rememberSignal);
        state.acceptedSignals().forEach(router::rememberAccepted);
        if (state.newestBarTime() != null
                && (router.newestBarTime == null || state.newestBarTime().isAfter(router.newestBarTime))) {
            router.newestBarTime = state.newestBarTime();
        }
        router.forgottenBefore = state.forgottenBefore();
        if (state.halted()) {
            router.halt(state.haltRule(), state.haltReason());
        }
        return router;
    }

    /**
     * A router that continues exactly where the one that stopped did, from its {@link #compactState()} and the
     * signals it decided: {@code decided} rebuilds the duplicate memory the compact state leaves out.
     * <p>
     * {@code decided} must hold, in the order they were decided, the first decision about each signal id (a signal
     * rejected as a {@code duplicate} of an earlier id adds nothing) whose bar time is at or after
     * {@link #duplicateMemoryStart duplicateMemoryStart}(newest bar time among all decided signals, the duplicate
     * window): that is what the router still remembers. Older ones may be included: those before the state's
     * {@code forgottenBefore} are skipped, the others the next signal forgets as the running router did. Manual orders
     * ({@link #checkManual}) are not signals: leave them out.
     * <p>
     * The one case this cannot rebuild exactly: a late signal decided with a bar time already outside the window
     * stays in the running router's memory until the next signal trims it; restored, it is not remembered. The two
     * decide alike unless the duplicate window is widened before that next signal and the same id comes again.
     * <p>
     * A state that still holds {@code seenSignals} and {@code acceptedSignals} (a full {@link #state()}) is merged
     * with {@code decided}: what the state remembers of a signal id wins, and for cross-strategy duplicates the
     * state's accepted strategies come first, then the decided ones in order (the first strategy per key is kept).
     */
    public static SignalRouter restore(RouterConfig config, String accountId, RouterState state,
            List<DecidedSignal> decided) {
        required(decided, "decided");
        SignalRouter router = restore(config, accountId, state);
        Instant forgotten = state.forgottenBefore();
        for (DecidedSignal signal : decided) {
            if (forgotten != null && signal.barTime().isBefore(forgotten)) {
                continue; // trimmed from the memory already, and the window may have grown since
            }
            if (!router.seenSignals.containsKey(signal.signalId())) {
                router.rememberSignal(signal.signalId(), signal.barTime());
            }
            if (signal.accepted()) {
                router.rememberAccepted(new AcceptedSignal(signal.symbol(), signal.type(), signal.barTime(),
                        signal.strategy()));
            }
        }
        return router;
    }

    /**
     * The oldest bar time the duplicate memory keeps, {@code newestBarTime − window}: a signal whose bar time is
     * before it is forgotten (its id may be decided again, its accepted key no longer suppresses duplicates) when
     * the next signal is routed.
     *
     * @param newestBarTime the newest bar time of the signals decided
     * @param window        the duplicate window ({@link FilterRules#duplicateWindow()})
     */
    public static Instant duplicateMemoryStart(Instant newestBarTime, Duration window) {
        return required(newestBarTime, "newestBarTime").minus(required(window, "window"));
    }

    /**
     * Decides one signal (rules in the class comment) and, when accepted, returns the order to publish and starts
     * counting it as open.
     *
     * @param portfolio the account's state as of the signal's bar; its account id must be this router's
     */
    public RoutingResult route(Signal signal, PortfolioSnapshot portfolio) {
        required(signal, "signal");
        required(portfolio, "portfolio");
        return decide(signal, portfolio);
    }

    /**
     * Decides one signal as {@link #route(Signal, PortfolioSnapshot)} does, at a later event time: the order's
     * {@code createdAt} and the decision's {@code decidedAt} are {@code decisionTime} instead of the signal's bar time,
     * so the order can only fill on bars after {@code decisionTime}. The rules (duplicates, cooldown, session hours)
     * still look at the signal's bar time, and the ids are the same. A service uses this for a signal that arrives
     * after the slice of its bar was decided: its order is created at the last decided slice, never in the past.
     *
     * @param decisionTime event time of the decision; not before {@code signal.barTime()}
     * @throws IllegalArgumentException when {@code decisionTime} is before the signal's bar time
     */
    public RoutingResult route(Signal signal, PortfolioSnapshot portfolio, Instant decisionTime) {
        required(signal, "signal");
        required(portfolio, "portfolio");
        required(decisionTime, "decisionTime");
        if (decisionTime.isBefore(signal.barTime())) {
            throw new IllegalArgumentException("decision time " + decisionTime + " is before the signal's bar time "
                    + signal.barTime());
        }
        RoutingResult result = decide(signal, portfolio);
        if (decisionTime.equals(signal.barTime())) {
            return result;
        }
        Decision d = result.decision();
        Decision decision = new Decision(d.id(), d.signalId(), d.accountId(), d.strategy(), d.symbol(), d.signalType(),
                d.accepted(), d.rule(), d.reason(), d.orderId(), d.qty(), d.notional(), decisionTime);
        Order o = result.order();
        Order order = o == null ? null : new Order(o.id(), o.signalId(), o.accountId(), o.symbol(), o.side(), o.type(),
                o.qty(), o.notional(), o.limitPrice(), o.stopPrice(), o.timeInForce(), decisionTime);
        return new RoutingResult(decision, order);
    }

    private RoutingResult decide(Signal signal, PortfolioSnapshot portfolio) {
        if (!accountId.equals(portfolio.accountId())) {
            throw new IllegalArgumentException(
                    "snapshot of account " + portfolio.accountId() + " given to the router of " + accountId);
        }
        required(portfolio.cash(), "portfolio.cash");
        required(portfolio.equity(), "portfolio.equity");
        FilterRules filters = config.filters();
        String symbol = signal.symbol();

        forgetSignalsBefore(signal.barTime(), filters.duplicateWindow());
        if (seenSignals.containsKey(signal.id())) {
            return reject(signal, RouterRules.DUPLICATE, "signal " + signal.id() + " (" + signal.strategy() + " "
                    + signal.type() + " " + symbol + " at " + signal.barTime() + ") was already decided");
        }
        rememberSignal(signal.id(), signal.barTime());
        if (filters.suppressDuplicates()) {
            String earlier = acceptedStrategy(symbol, signal.type(), signal.barTime());
            if (earlier != null) {
                return reject(signal, RouterRules.DUPLICATE, signal.type() + " " + symbol + " at " + signal.barTime()
                        + " was already accepted from strategy " + earlier);
            }
        }
        if (!filters.allowsSymbol(symbol)) {
            return reject(signal, RouterRules.SYMBOL_ALLOWLIST,
                    symbol + " is not in the symbol allowlist " + filters.symbolAllowlist());
        }
        if (filters.disabledStrategies().contains(signal.strategy())) {
            return reject(signal, RouterRules.STRATEGY_DISABLED, "strategy " + signal.strategy() + " is disabled");
        }

        BigDecimal position = portfolio.positionQty(symbol);
        Move move = Move.of(signal.type(), position);
        if (move.isExit()) {
            String pending = pendingOrder(symbol);
            if (pending != null) {
                return reject(signal, RouterRules.PENDING_ORDER, pending);
            }
            return acceptExit(signal, move, position);
        }

        if (signal.strength().compareTo(filters.minStrength()) < 0) {
            return reject(signal, RouterRules.MIN_STRENGTH, "strength " + plain(signal.strength())
                    + " is below the minimum " + plain(filters.minStrength()));
        }
        SessionHours session = filters.sessionHours();
        if (session != null && !session.contains(signal.barTime())) {
            ZonedDateTime local = signal.barTime().atZone(session.zone());
            return reject(signal, RouterRules.SESSION_HOURS, "bar time " + signal.barTime() + " is "
                    + local.getDayOfWeek() + " " + local.toLocalTime() + " in " + session.zone()
                    + ", outside the session " + session.describe());
        }
        String cooling = cooldown(symbol, signal.barTime(), filters.cooldownPerSymbol());
        if (cooling != null) {
            return reject(signal, RouterRules.COOLDOWN, cooling);
        }
        switch (move) {
            case ADD_LONG -> {
                return reject(signal, RouterRules.ALREADY_LONG,
                        "already long " + plain(position) + " " + symbol + "; no pyramiding");
            }
            case ADD_SHORT -> {
                return reject(signal, RouterRules.ALREADY_SHORT,
                        "already short " + plain(position.negate()) + " " + symbol + "; no pyramiding");
            }
            case OPEN_SHORT -> {
                if (config.longOnly()) {
                    return reject(signal, RouterRules.LONG_ONLY,
                            "SELL while flat in " + symbol + " would open a short; the router is long-only");
                }
            }
            default -> {
                // OPEN_LONG: nothing to refuse here
            }
        }
        String pending = pendingOrder(symbol);
        if (pending != null) {
            return reject(signal, RouterRules.PENDING_ORDER, pending);
        }
        return riskCheckAndOpen(signal, move, portfolio);
    }

    /** The {@code strategy} of a manual order's decision, and the prefix of its {@code signalId}. */
    public static final String MANUAL = "manual";

    /**
     * Checks an explicit (manual) order, with no sizing, against the same risk rules as a signal's order and, when
     * accepted, starts counting its orders as open. {@code orders} is the entry order first, then its contingent legs
     * (bracket, OTO) or the other orders of its OCO group: only the entry is checked, the others are exits of what it
     * opens, or alternatives to it. Every order must be this account's, for the entry's symbol.
     *
     * <p><b>Direction.</b> With position {@code p} and the entry's signed quantity {@code q} (+ for BUY), the entry is
     * an <i>exit</i> when {@code |p + q| ≤ |p|} and {@code p + q} does not change sign (it only reduces); else an
     * <i>opening</i>. A notional entry's quantity is estimated as {@code notional / price}.
     * <p><b>Price estimate</b> {@code price}: the limit price (LIMIT, STOP_LIMIT), else the stop price (STOP), else
     * {@code referencePrice} (the symbol's last price). The entry's estimated notional is {@code notional}, or
     * {@code qty × price}.
     *
     * <h2>Checks, in order; the first that fails is the decision's rule</h2>
     * <ol>
     * <li>{@code symbol-allowlist}: a non-empty allowlist does not name the symbol (exits too).</li>
     * <li>{@code long-only}: the router is long-only and {@code p + q < 0} (exits cannot fail it).</li>
     * <li>openings only: {@code kill-switch} / {@code max-drawdown-halt} (halted), {@code max-drawdown-halt},
     *     {@code daily-loss-limit}, {@code max-open-orders}, exactly as for signals;</li>
     * <li>{@code max-position}: {@code |p + q| > maxPositionQty}, or {@code |p + q| × price > maxPositionNotional};</li>
     * <li>{@code max-gross-exposure}: snapshot gross exposure + this router's open opening orders + the estimated
     *     notional {@code > maxGrossExposure};</li>
     * <li>{@code buying-power} (BUY openings): the estimated notional {@code >} cash − the estimated cost of the open
     *     BUY orders.</li>
     * </ol>
     * Strength, session hours, cooldown, duplicates and the pending-order rule are strategy filters and do not apply.
     *
     * <p>Accepted: the entry counts as open (as an opening or an exit, with its estimated notional), the other
     * orders as open exits with notional zero (they reserve no cash). The decision's id is
     * {@code decisionId(accountId, "manual|" + entry id)}, its signal id {@code "manual|" + entry id}, strategy
     * {@code manual}, signal type the entry's side, decided at {@code decisionTime}.
     *
     * @param referencePrice the symbol's last known price, positive
     * @param decisionTime   event time of the decision (the last decided slice)
     */
    public Decision checkManual(List<Order> orders, BigDecimal referencePrice, PortfolioSnapshot portfolio,
            Instant decisionTime) {
        required(orders, "orders");
        required(portfolio, "portfolio");
        required(decisionTime, "decisionTime");
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("a manual order needs at least its entry order");
        }
        if (referencePrice == null || referencePrice.signum() <= 0) {
            throw new IllegalArgumentException("referencePrice must be positive");
        }
        if (!accountId.equals(portfolio.accountId())) {
            throw new IllegalArgumentException(
                    "snapshot of account " + portfolio.accountId() + " given to the router of " + accountId);
        }
        Order entry = orders.get(0);
        for (Order order : orders) {
            if (!accountId.equals(order.accountId()) || !entry.symbol().equals(order.symbol())) {
                throw new IllegalArgumentException("order " + order.id() + " is not for " + accountId + " "
                        + entry.symbol());
            }
        }
        String symbol = entry.symbol();
        BigDecimal price = entry.limitPrice() != null ? entry.limitPrice()
                : entry.stopPrice() != null ? entry.stopPrice() : referencePrice;
        BigDecimal notional = entry.notional() != null ? entry.notional() : entry.qty().multiply(price);
        BigDecimal qty = entry.qty() != null ? entry.qty()
                : entry.notional().divide(price, PositionSizer.FRACTIONAL_SCALE, RoundingMode.DOWN);
        BigDecimal position = portfolio.positionQty(symbol);
        BigDecimal after = position.add(entry.side() == Side.BUY ? qty : qty.negate());
        boolean exit = after.abs().compareTo(position.abs()) <= 0 && after.signum() * position.signum() >= 0;
        String description = "manual " + entry.type() + " " + entry.side() + " " + (entry.qty() != null
                ? plain(entry.qty()) : "notional " + plain(entry.notional())) + " " + symbol
                + (orders.size() > 1 ? " with " + (orders.size() - 1) + " more order(s)" : "");

        String rejection = null;
        String rule = null;
        FilterRules filters = config.filters();
        RiskLimits risk = config.risk();
        BigDecimal equity = required(portfolio.equity(), "portfolio.equity");
        if (!filters.allowsSymbol(symbol)) {
            rule = RouterRules.SYMBOL_ALLOWLIST;
            rejection = symbol + " is not in the symbol allowlist " + filters.symbolAllowlist();
        } else if (config.longOnly() && after.signum() < 0) {
            rule = RouterRules.LONG_ONLY;
            rejection = description + " would leave a short of " + plain(after.negate()) + "; the router is long-only";
        } else if (!exit) {
            if (halted) {
                rule = haltRule;
                rejection = haltReason;
            }
            BigDecimal peak = portfolio.peakEquity();
            if (rule == null && RiskLimits.enabled(risk.maxDrawdownHaltPct()) && peak != null && peak.signum() > 0) {
                BigDecimal drawdown = peak.subtract(equity);
                if (drawdown.multiply(HUNDRED).compareTo(risk.maxDrawdownHaltPct().multiply(peak)) >= 0) {
                    rule = RouterRules.MAX_DRAWDOWN_HALT;
                    rejection = "drawdown " + percent(drawdown, peak) + "% from peak equity " + plain(peak) + " to "
                            + plain(equity) + " at " + decisionTime + " reached the limit "
                            + plain(risk.maxDrawdownHaltPct()) + "%; openings halted until resume()";
                    halt(RouterRules.MAX_DRAWDOWN_HALT, rejection);
                }
            }
            BigDecimal dayStart = portfolio.dayStartEquity();
            if (rule == null && RiskLimits.enabled(risk.dailyLossLimitPct()) && dayStart != null
                    && dayStart.signum() > 0) {
                BigDecimal loss = dayStart.subtract(equity);
                if (loss.multiply(HUNDRED).compareTo(risk.dailyLossLimitPct().multiply(dayStart)) >= 0) {
                    rule = RouterRules.DAILY_LOSS_LIMIT;
                    rejection = "loss today " + plain(loss) + " (" + percent(loss, dayStart)
                            + "% of day-start equity " + plain(dayStart) + ") reached the limit "
                            + plain(risk.dailyLossLimitPct()) + "%";
                }
            }
            if (rule == null && risk.maxOpenOrders() > 0 && openOrders.size() >= risk.maxOpenOrders()) {
                rule = RouterRules.MAX_OPEN_ORDERS;
                rejection = openOrders.size() + " orders open, the limit is " + risk.maxOpenOrders();
            }
            if (rule == null && RiskLimits.enabled(risk.maxPositionQty())
                    && after.abs().compareTo(risk.maxPositionQty()) > 0) {
                rule = RouterRules.MAX_POSITION;
                rejection = symbol + " position of " + plain(after.abs()) + " would exceed the maximum quantity "
                        + plain(risk.maxPositionQty());
            }
            BigDecimal positionNotional = after.abs().multiply(price);
            if (rule == null && RiskLimits.enabled(risk.maxPositionNotional())
                    && positionNotional.compareTo(risk.maxPositionNotional()) > 0) {
                rule = RouterRules.MAX_POSITION;
                rejection = symbol + " position worth " + plain(positionNotional)
                        + " would exceed the maximum notional " + plain(risk.maxPositionNotional());
            }
            if (rule == null && RiskLimits.enabled(risk.maxGrossExposure())) {
                BigDecimal positions = portfolio.grossExposure();
                BigDecimal pending = pendingOpeningNotional();
                BigDecimal total = positions.add(pending).add(notional);
                if (total.compareTo(risk.maxGrossExposure()) > 0) {
                    rule = RouterRules.MAX_GROSS_EXPOSURE;
                    rejection = "gross exposure would be " + plain(total) + " (positions " + plain(positions)
                            + " + open orders " + plain(pending) + " + this " + plain(notional)
                            + "), over the limit " + plain(risk.maxGrossExposure());
                }
            }
            if (rule == null && entry.side() == Side.BUY) {
                BigDecimal buyingPower = required(portfolio.cash(), "portfolio.cash").subtract(reservedCash())
                        .max(BigDecimal.ZERO);
                if (notional.compareTo(buyingPower) > 0) {
                    rule = RouterRules.BUYING_POWER;
                    rejection = "insufficient buying power: " + description + " costs about " + plain(notional)
                            + ", buying power is " + plain(buyingPower);
                }
            }
        }
        String signalId = MANUAL + "|" + entry.id();
        SignalType type = entry.side() == Side.BUY ? SignalType.BUY : SignalType.SELL;
        if (rule != null) {
            return new Decision(decisionId(accountId, signalId), signalId, accountId, MANUAL, symbol, type, false, rule,
                    rejection, null, null, null, decisionTime);
        }
        openOrders.put(entry.id(), new OpenOrder(entry.id(), symbol, entry.side(), !exit, notional));
        for (Order other : orders.subList(1, orders.size())) {
            openOrders.put(other.id(), new OpenOrder(other.id(), symbol, other.side(), false, BigDecimal.ZERO));
        }
        String reason = description + (exit ? " (reduces the position of " + plain(position) + ")"
                : ", estimated " + plain(notional));
        return new Decision(decisionId(accountId, signalId), signalId, accountId, MANUAL, symbol, type, true,
                RouterRules.ACCEPTED, reason, entry.id(), entry.qty(), entry.notional(), decisionTime);
    }

    /**
     * Follows the router's orders: a final {@link OrderStatusEvent} (FILLED, CANCELED, EXPIRED, REJECTED) ends an
     * open order. Fills, other statuses, other accounts and unknown orders change nothing; repeating an event is
     * harmless.
     */
    public void onExecution(ExecutionEvent event) {
        required(event, "event");
        if (accountId.equals(event.accountId()) && event instanceof OrderStatusEvent status
                && status.status().isFinal()) {
            openOrders.remove(status.orderId());
        }
    }

    /** Kill switch: refuses every opening ({@code kill-switch}) until {@link #resume()}. Exits still pass. */
    public void halt(String reason) {
        halt(RouterRules.KILL_SWITCH, requiredText(reason, "reason"));
    }

    /** Lifts the kill switch or the drawdown halt. */
    public void resume() {
        halted = false;
        haltRule = null;
        haltReason = null;
    }

    public boolean halted() {
        return halted;
    }

    /** Why the router is halted, null when it is not. */
    public String haltReason() {
        return haltReason;
    }

    /** {@code kill-switch} or {@code max-drawdown-halt} while halted, null when not. */
    public String haltRule() {
        return haltRule;
    }

    public String accountId() {
        return accountId;
    }

    public RouterConfig config() {
        return config;
    }

    /** Applies from the next signal on; the state (open orders, cooldowns, duplicates, halt) is kept. */
    public void updateConfig(RouterConfig config) {
        this.config = required(config, "config");
    }

    /**
     * What the router remembers except its duplicate memory: open orders, cooldowns and the halt, with
     * {@code seenSignals} and {@code acceptedSignals} empty. Its size does not depend on how many signals were
     * decided. Give it, with the signals decided within the duplicate window, to
     * {@link #restore(RouterConfig, String, RouterState, List)}.
     */
    public RouterState compactState() {
        return new RouterState(List.copyOf(openOrders.values()), new TreeMap<>(lastAcceptedAt), null, List.of(),
                halted, haltRule, haltReason, newestBarTime, forgottenBefore);
    }

    /** The orders this router counts as open, by order id. */
    public List<OpenOrder> openOrders() {
        return List.copyOf(openOrders.values());
    }

    /** A copy of everything the router remembers; give it to {@link #restore} after a restart. */
    public RouterState state() {
        List<AcceptedSignal> accepted = new ArrayList<>();
        acceptedByBarTime.forEach((barTime, keys) -> keys.forEach((key, strategy) -> {
            int separator = key.lastIndexOf('|');
            accepted.add(new AcceptedSignal(key.substring(0, separator),
                    SignalType.valueOf(key.substring(separator + 1)), barTime, strategy));
        }));
        return new RouterState(List.copyOf(openOrders.values()), new TreeMap<>(lastAcceptedAt),
                new TreeMap<>(seenSignals), accepted, halted, haltRule, haltReason, newestBarTime, forgottenBefore);
    }

    private RoutingResult riskCheckAndOpen(Signal signal, Move move, PortfolioSnapshot portfolio) {
        if (halted) {
            return reject(signal, haltRule, haltReason);
        }
        RiskLimits risk = config.risk();
        BigDecimal equity = portfolio.equity();

        BigDecimal peak = portfolio.peakEquity();
        if (RiskLimits.enabled(risk.maxDrawdownHaltPct()) && peak != null && peak.signum() > 0) {
            BigDecimal drawdown = peak.subtract(equity);
            if (drawdown.multiply(HUNDRED).compareTo(risk.maxDrawdownHaltPct().multiply(peak)) >= 0) {
                String reason = "drawdown " + percent(drawdown, peak) + "% from peak equity " + plain(peak) + " to "
                        + plain(equity) + " at " + signal.barTime() + " reached the limit "
                        + plain(risk.maxDrawdownHaltPct()) + "%; openings halted until resume()";
                halt(RouterRules.MAX_DRAWDOWN_HALT, reason);
                return reject(signal, RouterRules.MAX_DRAWDOWN_HALT, reason);
            }
        }
        BigDecimal dayStart = portfolio.dayStartEquity();
        if (RiskLimits.enabled(risk.dailyLossLimitPct()) && dayStart != null && dayStart.signum() > 0) {
            BigDecimal loss = dayStart.subtract(equity);
            if (loss.multiply(HUNDRED).compareTo(risk.dailyLossLimitPct().multiply(dayStart)) >= 0) {
                return reject(signal, RouterRules.DAILY_LOSS_LIMIT, "loss today " + plain(loss) + " ("
                        + percent(loss, dayStart) + "% of day-start equity " + plain(dayStart)
                        + ") reached the limit " + plain(risk.dailyLossLimitPct()) + "%");
            }
        }
        if (risk.maxOpenOrders() > 0 && openOrders.size() >= risk.maxOpenOrders()) {
            return reject(signal, RouterRules.MAX_OPEN_ORDERS,
                    openOrders.size() + " orders open, the limit is " + risk.maxOpenOrders());
        }

        Side side = move == Move.OPEN_LONG ? Side.BUY : Side.SELL;
        BigDecimal availableCash = portfolio.cash().subtract(reservedCash()).max(BigDecimal.ZERO);
        PositionSizer.Outcome outcome = PositionSizer.size(config.sizing(), config.fractional(), side, signal, equity,
                availableCash);
        if (outcome instanceof PositionSizer.Unsized unsized) {
            return reject(signal, RouterRules.SIZING, unsized.reason());
        }
        PositionSizer.Sized sized = (PositionSizer.Sized) outcome;
        BigDecimal price = signal.price();
        BigDecimal notional = sized.notional() != null ? sized.notional() : sized.qty().multiply(price);
        String symbol = signal.symbol();

        BigDecimal maxQty = risk.maxPositionQty();
        if (RiskLimits.enabled(maxQty)) {
            // qty > maxQty, written as notional > maxQty × price so a notional order needs no division
            if (notional.compareTo(maxQty.multiply(price)) > 0) {
                String size = sized.qty() != null ? plain(sized.qty())
                        : "about " + plain(notional.divide(price, PositionSizer.FRACTIONAL_SCALE, RoundingMode.DOWN))
                                + " (notional " + plain(notional) + " at " + plain(price) + ")";
                return reject(signal, RouterRules.MAX_POSITION, symbol + " position of " + size
                        + " would exceed the maximum quantity " + plain(maxQty));
            }
        }
        BigDecimal maxNotional = risk.maxPositionNotional();
        if (RiskLimits.enabled(maxNotional) && notional.compareTo(maxNotional) > 0) {
            return reject(signal, RouterRules.MAX_POSITION, symbol + " position worth " + plain(notional)
                    + " would exceed the maximum notional " + plain(maxNotional));
        }
        BigDecimal maxGross = risk.maxGrossExposure();
        if (RiskLimits.enabled(maxGross)) {
            BigDecimal positions = portfolio.grossExposure();
            BigDecimal pending = pendingOpeningNotional();
            BigDecimal total = positions.add(pending).add(notional);
            if (total.compareTo(maxGross) > 0) {
                return reject(signal, RouterRules.MAX_GROSS_EXPOSURE, "gross exposure would be " + plain(total)
                        + " (positions " + plain(positions) + " + open orders " + plain(pending) + " + this "
                        + plain(notional) + "), over the limit " + plain(maxGross));
            }
        }
        return accept(signal, side, true, sized.qty(), sized.notional(), notional, sized.description());
    }

    private RoutingResult acceptExit(Signal signal, Move move, BigDecimal position) {
        BigDecimal qty = normalize(position.abs());
        Side side = move == Move.CLOSE_LONG ? Side.SELL : Side.BUY;
        String reason = (move == Move.CLOSE_LONG ? "close long: sell the whole position of "
                : "cover short: buy back the whole position of ") + plain(qty) + " " + signal.symbol();
        if (halted) {
            reason += " (allowed while halted: exits are never blocked)";
        }
        return accept(signal, side, false, qty, null, qty.multiply(signal.price()), reason);
    }

    private RoutingResult accept(Signal signal, Side side, boolean opening, BigDecimal qty, BigDecimal notional,
            BigDecimal estimatedNotional, String reason) {
        BigDecimal limitPrice = config.orderType() == OrderType.LIMIT ? limitPrice(signal.price(), side) : null;
        Order order = new Order(orderId(accountId, signal.id()), signal.id(), accountId, signal.symbol(), side,
                config.orderType(), qty, notional, limitPrice, null, config.timeInForce(), signal.barTime());
        openOrders.put(order.id(), new OpenOrder(order.id(), signal.symbol(), side, opening, estimatedNotional));
        lastAcceptedAt.merge(signal.symbol(), signal.barTime(), (earlier, later) -> later.isAfter(earlier) ? later
                : earlier);
        rememberAccepted(new AcceptedSignal(signal.symbol(), signal.type(), signal.barTime(), signal.strategy()));
        Decision decision = new Decision(decisionId(accountId, signal.id()), signal.id(), accountId,
                signal.strategy(), signal.symbol(), signal.type(), true, RouterRules.ACCEPTED, reason, order.id(), qty,
                notional, signal.barTime());
        return new RoutingResult(decision, order);
    }

    private RoutingResult reject(Signal signal, String rule, String reason) {
        Decision decision = new Decision(decisionId(accountId, signal.id()), signal.id(), accountId,
                signal.strategy(), signal.symbol(), signal.type(), false, rule, reason, null, null, null,
                signal.barTime());
        return new RoutingResult(decision, null);
    }

    /** {@code price × (1 ∓ bps / 10000)}: below the price for a BUY, above for a SELL; exact, no rounding. */
    private BigDecimal limitPrice(BigDecimal price, Side side) {
        BigDecimal bps = config.limitOffsetBps();
        BigDecimal factor = side == Side.BUY ? BPS_PER_UNIT.subtract(bps) : BPS_PER_UNIT.add(bps);
        return normalize(price.multiply(factor).divide(BPS_PER_UNIT));
    }

    /** The deterministic id of the order a signal becomes. */
    public static String orderId(String accountId, String signalId) {
        return nameUuid("order|" + accountId + "|" + signalId);
    }

    /** The deterministic id of the decision about a signal. */
    public static String decisionId(String accountId, String signalId) {
        return nameUuid("decision|" + accountId + "|" + signalId);
    }

    private static String nameUuid(String key) {
        return NameUuid.of(key);
    }

    private String cooldown(String symbol, Instant barTime, Duration cooldown) {
        Instant last = lastAcceptedAt.get(symbol);
        if (cooldown.isZero() || last == null) {
            return null;
        }
        Duration elapsed = Duration.between(last, barTime);
        if (elapsed.compareTo(cooldown) >= 0) {
            return null;
        }
        Duration remaining = cooldown.minus(elapsed);
        String since = elapsed.isNegative() ? "which is after this signal's bar"
                : Format.duration(elapsed) + " ago";
        return symbol + " last ordered at " + last + ", " + since + "; cooldown " + Format.duration(cooldown) + ", "
                + Format.duration(remaining) + " remaining";
    }

    private String pendingOrder(String symbol) {
        for (OpenOrder order : openOrders.values()) {
            if (order.symbol().equals(symbol)) {
                return "order " + order.orderId() + " (" + order.side() + " " + symbol + ") is still open";
            }
        }
        return null;
    }

    /** Estimated cost of the open BUY orders: cash they will take when they fill. */
    private BigDecimal reservedCash() {
        BigDecimal sum = BigDecimal.ZERO;
        for (OpenOrder order : openOrders.values()) {
            if (order.side() == Side.BUY) {
                sum = sum.add(order.notional());
            }
        }
        return sum;
    }

    private BigDecimal pendingOpeningNotional() {
        BigDecimal sum = BigDecimal.ZERO;
        for (OpenOrder order : openOrders.values()) {
            if (order.opening()) {
                sum = sum.add(order.notional());
            }
        }
        return sum;
    }

    private void halt(String rule, String reason) {
        halted = true;
        haltRule = rule;
        haltReason = reason;
    }

    private void rememberSignal(String signalId, Instant barTime) {
        seenSignals.put(signalId, barTime);
        seenSignalsByBarTime.computeIfAbsent(barTime, time -> new HashSet<>()).add(signalId);
        if (newestBarTime == null || barTime.isAfter(newestBarTime)) {
            newestBarTime = barTime;
        }
    }

    private void rememberAccepted(AcceptedSignal accepted) {
        acceptedByBarTime.computeIfAbsent(accepted.barTime(), time -> new HashMap<>())
                .putIfAbsent(duplicateKey(accepted.symbol(), accepted.type()), accepted.strategy());
    }

    private String acceptedStrategy(String symbol, SignalType type, Instant barTime) {
        Map<String, String> keys = acceptedByBarTime.get(barTime);
        return keys == null ? null : keys.get(duplicateKey(symbol, type));
    }

    private static String duplicateKey(String symbol, SignalType type) {
        return symbol + "|" + type;
    }

    /** Forgets signals whose bar time is more than {@code window} before the newest bar time seen. */
    private void forgetSignalsBefore(Instant barTime, Duration window) {
        Instant newest = newestBarTime == null || barTime.isAfter(newestBarTime) ? barTime : newestBarTime;
        Instant cutoff = duplicateMemoryStart(newest, window);
        if (forgottenBefore == null || cutoff.isAfter(forgottenBefore)) {
            forgottenBefore = cutoff;
        }
        // Oldest first, stopping at the first bar time to keep: this runs for every signal and has little to do.
        while (!seenSignalsByBarTime.isEmpty() && seenSignalsByBarTime.firstKey().isBefore(cutoff)) {
            for (String id : seenSignalsByBarTime.pollFirstEntry().getValue()) {
                seenSignals.remove(id);
            }
        }
        while (!acceptedByBarTime.isEmpty() && acceptedByBarTime.firstKey().isBefore(cutoff)) {
            acceptedByBarTime.pollFirstEntry();
        }
    }

    private static String percent(BigDecimal part, BigDecimal whole) {
        // Display only: the comparisons above are exact.
        return plain(part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP));
    }

    /** What a signal means given the position. */
    private enum Move {
        OPEN_LONG, OPEN_SHORT, CLOSE_LONG, COVER_SHORT, ADD_LONG, ADD_SHORT;

        static Move of(SignalType type, BigDecimal position) {
            int sign = position.signum();
            if (type == SignalType.BUY) {
                return sign == 0 ? OPEN_LONG : sign > 0 ? ADD_LONG : COVER_SHORT;
            }
            return sign == 0 ? OPEN_SHORT : sign > 0 ? CLOSE_LONG : ADD_SHORT;
        }

        boolean isExit() {
            return this == CLOSE_LONG || this == COVER_SHORT;
        }
    }
}
