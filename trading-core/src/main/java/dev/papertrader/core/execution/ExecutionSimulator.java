package dev.papertrader.core.execution;

import static dev.papertrader.core.model.OrderStatus.CANCELED;
import static dev.papertrader.core.model.OrderStatus.EXPIRED;
import static dev.papertrader.core.model.OrderStatus.FILLED;
import static dev.papertrader.core.model.OrderStatus.HELD;
import static dev.papertrader.core.model.OrderStatus.NEW;
import static dev.papertrader.core.model.OrderStatus.PARTIALLY_FILLED;
import static dev.papertrader.core.model.OrderStatus.REJECTED;
import static dev.papertrader.core.model.OrderStatus.REPLACED;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulated exchange: fills orders against bars in event time, deterministically. The live order service
 * and the backtest both run this class; its results depend only on the orders and the bars, never on whether an
 * order reached it before or after the bars that fill it.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li><b>Eligibility.</b> An order created at {@code createdAt} is eligible on the {@code latencyBars}-th bar
 *       of its symbol whose open time is after {@code createdAt} (its <i>first eligible bar</i>), and on every
 *       later bar of its symbol until it is final. Bars of other symbols do not count.</li>
 *   <li><b>Prices.</b> MARKET trades at the open. LIMIT buy: {@code open ≤ limit} → the open (gap through the
 *       limit: the better price), else {@code low ≤ limit} → the limit, else it rests. STOP buy:
 *       {@code open ≥ stop} → the open (gap: the worse price), else {@code high ≥ stop} → the stop; once
 *       triggered a stop is a market order. STOP_LIMIT buy: triggered at the open, it is a limit order for
 *       the whole bar; triggered intrabar ({@code open < stop ≤ high}) it trades at the stop if
 *       {@code stop ≤ limit}, otherwise not on that bar (the bar does not tell whether its low came after the
 *       trigger), and rests as a limit order from the next bar. TRAILING_STOP sell: a high-water mark
 *       {@code hwm} starts at the open of its first eligible bar and, on each bar, first rises to the open; the
 *       stop is {@code hwm − trailPrice} or {@code hwm × (1 − trailPercent/100)} (8 decimals, HALF_EVEN);
 *       {@code open ≤ stop} → the open (gap), else {@code low ≤ stop} → the stop, else it rests and
 *       {@code hwm = max(hwm, high)} for the next bar (the high only raises the stop after the bar: a bar does not
 *       tell whether its high came before its low). Once triggered it is a market order like a triggered STOP;
 *       slippage, volume cap, time in force and fees are those of a STOP. Sells mirror every rule (a trailing buy
 *       keeps a low-water mark). Details in {@link FillPriceRules}.</li>
 *   <li><b>Slippage.</b> The rule price goes through {@link ExecutionConfig#slippage()} and is rounded to
 *       {@link SlippageModel#PRICE_SCALE} (8) decimals, HALF_EVEN. A LIMIT or STOP_LIMIT fill never gets a price
 *       worse than its limit: the slipped price is capped at the limit.</li>
 *   <li><b>Volume cap.</b> With {@link ExecutionConfig#maxVolumeShare()} set, one bar fills at most
 *       {@code floor(maxVolumeShare × bar.volume)} of an order, rounded down to the order's quantity scale (the
 *       scale of its qty as sent, {@code 100} → whole units, {@code 0.50} → hundredths; for a notional order
 *       {@link ExecutionConfig#notionalQuantityScale()}); a bar with zero volume fills nothing. The cap applies
 *       to each order on its own: orders do not compete for a bar's volume, which is what lets a late order get
 *       exactly its fills without changing fills already reported for others.</li>
 *   <li><b>Time in force.</b> GTC and DAY keep an unfilled remainder open (PARTIALLY_FILLED). IOC fills what its
 *       first eligible bar allows, then the remainder is CANCELED on that bar. FOK fills its whole quantity on
 *       its first eligible bar or is CANCELED there without any fill. DAY is EXPIRED by the first bar whose date
 *       in {@link ExecutionConfig#sessionZone()} is after the date of its first eligible bar (so a DAY order
 *       from a daily bar still gets its next-day fill); that bar fills nothing for it.</li>
 *   <li><b>Notional orders.</b> The quantity is computed on each fill from the fill price (slippage
 *       included): a buy takes {@code fees.affordableQuantity(remainingNotional, price, scale, firstFill)}, the
 *       largest quantity whose {@code qty × price + fee} fits the budget left; a sell takes
 *       {@code floor(remainingNotional / price)} (its notional is the gross value to sell, fees are taken from
 *       the proceeds). The price and the quantity depend on each other through slippage, so the quantity is
 *       computed at the unslipped price, the price for that quantity, the quantity again at that price, and
 *       the fill gets the price of that final quantity; a slippage model that is monotone in the quantity keeps
 *       the cost within the budget. A notional order is FILLED when a bar fills all that its remaining budget
 *       affords (the cap did not bind), or when, after a partial fill, a bar's price leaves the budget too small
 *       for one unit (FILLED without a fill). If the budget cannot buy one unit at its first fill, it is
 *       CANCELED.</li>
 *   <li><b>Fees.</b> {@link ExecutionConfig#fees()} is charged on each fill; {@code firstFillOfOrder} is true on
 *       the order's first fill only, so per-order charges are paid once.</li>
 *   <li><b>Events.</b> Every event's time is event time: NEW and REJECTED carry {@code createdAt}; fills and the
 *       status changes of a bar carry the bar's open time. A fill is followed by the order's status
 *       (PARTIALLY_FILLED or FILLED, with cumulative {@code filledQty} and {@code avgFillPrice}). Each id is
 *       UUID v3 of {@code orderId|n|kind}, n counting the order's events from 0, so a replay repeats every id.
 *       Within one bar, orders are processed by {@code createdAt}, then id (except for OCO groups, below).</li>
 *   <li><b>Validation.</b> {@link #submit} never throws for a well-formed {@link Order} (the record already
 *       rejects non-positive prices and quantities and missing limit or stop prices): an id already submitted
 *       is REJECTED ("duplicate order id"), and so is an order older than the kept history (below).</li>
 *   <li><b>Catch-up.</b> The last {@link ExecutionConfig#barHistory()} bars of each symbol are kept. An order
 *       submitted after bars newer than its {@code createdAt} were seen is processed against those bars at
 *       once, in time order, and gets exactly the events it would have had if it had arrived in time. If a bar
 *       it would need has already been dropped from the history, it is REJECTED instead.</li>
 *   <li><b>Cancel</b> takes effect when it arrives (it cannot undo fills already reported), with event time
 *       {@code max(eventTime, time of the order's previous event)} so that an order's events stay in time
 *       order. Cancelling an unknown or final order returns no event: the cancel is moot, and a REJECTED event
 *       for an order that is, say, FILLED would contradict its status. A HELD leg can be cancelled too.</li>
 *   <li><b>Contingent legs.</b> An order with {@code parentId} starts HELD (its first event, at {@code createdAt},
 *       instead of NEW) and cannot fill. When its parent becomes FILLED (event time {@code t}) the leg becomes NEW
 *       at {@code max(createdAt, t)} and counts bars of its symbol opening after that time (latency included):
 *       with one bar of latency it is eligible on the next bar after {@code t}. When the parent becomes final
 *       without FILLED (CANCELED, EXPIRED, REJECTED, REPLACED) at {@code t}, its HELD legs are CANCELED
 *       ("parent order &lt;id&gt; &lt;status&gt;") at {@code max(t, the leg's previous event)}. A leg whose
 *       parent was never submitted is REJECTED ("unknown parent order"): the parent must be submitted first. A
 *       leg submitted after its parent is already final gets HELD and, at once, the event it would have had
 *       (NEW, then the fills of the kept bars after its release; or CANCELED), so its events do not depend on
 *       when it arrived.</li>
 *   <li><b>OCO.</b> Orders of one account sharing {@code ocoGroup}: the first fill of one cancels every other one
 *       that is not final (CANCELED, "oco: order &lt;id&gt; filled", at the fill's bar time, or the order's
 *       previous event if later). When several open members of a group can trade on the same bar (their rule
 *       price, before slippage, is reached), the one whose price is worst for the trader is processed first
 *       and its fill cancels the others: the highest price for buys, the lowest for sells (pessimistic: for an
 *       exit pair of a take-profit limit and a stop, the stop); equal prices, or members of different sides,
 *       go by {@code createdAt}, then id. Legs of a bracket share {@code parentId} and {@code ocoGroup}. The
 *       arrival-independence below holds when a group's members reach the simulator before any bar they could
 *       fill on (legs of a parent submitted before the parent's fill count as such): a member submitted after
 *       a sibling has filled is CANCELED at once (at {@code max(createdAt, the sibling's last event)}), which
 *       is what the router's order of messages guarantees not to happen.</li>
 *   <li><b>Replacement.</b> An order with {@code replacesOrderId} whose target is open (NEW, PARTIALLY_FILLED or
 *       HELD) makes the target REPLACED ("replaced by &lt;new id&gt;") at {@code max(createdAt, the target's
 *       previous event)}, as for a cancel, and is then accepted. Its quantity is the one it was sent with, not
 *       reduced by the target's fills (Alpaca's semantics: the replacement states the new total order). If the
 *       target is final ("order &lt;old&gt; is &lt;status&gt; and cannot be replaced") or unknown ("unknown
 *       order &lt;old&gt;"), the new order is REJECTED and the target is unchanged. Like a cancel it takes effect
 *       when it arrives.</li>
 * </ol>
 *
 * <p>Per order, the sequence of events is the same in every interleaving of {@link #submit} and
 * {@link #onBar} calls (cancels and replacements aside, which take effect when they arrive; OCO groups under
 * the condition above); across orders, a stable sort by (event time, order id) gives one canonical list.
 * Not thread-safe: a service calls it from one thread (or under one lock). It keeps every order it was given,
 * final ones included, so that duplicate ids stay detectable, until {@link #forgetFinalOrders()} lets them go.
 */
public final class ExecutionSimulator {

    private final ExecutionConfig config;
    private final Map<String, WorkingOrder> orders = new LinkedHashMap<>();
    private final Map<String, TreeMap<OrderKey, WorkingOrder>> openBySymbol = new HashMap<>();
    private final Map<String, BarHistory> histories = new HashMap<>();
    /** HELD legs by parent id, in submission order. */
    private final Map<String, List<WorkingOrder>> heldByParent = new HashMap<>();
    /** Members of each OCO group (account and group), in submission order, final ones included. */
    private final Map<String, List<WorkingOrder>> ocoGroups = new HashMap<>();

    private record OrderKey(Instant createdAt, String id) implements Comparable<OrderKey> {
        static OrderKey of(Order order) {
            return new OrderKey(order.createdAt(), order.id());
        }

        @Override
        public int compareTo(OrderKey other) {
            int byTime = createdAt.compareTo(other.createdAt);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    public ExecutionSimulator(ExecutionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ExecutionConfig config() {
        return config;
    }

    /**
     * Accepts an order: NEW, or HELD for a contingent leg (or REJECTED with its reason; a replacement first makes
     * its target REPLACED), then, if bars of its symbol newer than its start are already in the history, the
     * events those bars give it.
     */
    public List<ExecutionEvent> submit(Order order) {
        Objects.requireNonNull(order, "order");
        if (orders.containsKey(order.id())) {
            return List.of(new OrderStatusEvent(WorkingOrder.eventId(order.id(), "duplicate", REJECTED.name()),
                    order.id(), order.accountId(), order.symbol(), REJECTED, BigDecimal.ZERO, null,
                    "duplicate order id: an order " + order.id() + " was already submitted", order.createdAt()));
        }
        WorkingOrder working = new WorkingOrder(order, config.notionalQuantityScale());
        orders.put(order.id(), working);
        List<ExecutionEvent> events = new ArrayList<>();
        BarHistory history = histories.get(order.symbol());
        if (history != null && history.evictedAfter(order.createdAt())) {
            emit(working, REJECTED, "too late: bars of " + order.symbol() + " after createdAt "
                    + order.createdAt() + " are no longer kept (history ends before " + history.evictedThrough()
                    + "); it cannot be filled as it would have been in time", order.createdAt(), events);
            return events;
        }
        WorkingOrder parent = order.parentId() == null ? null : orders.get(order.parentId());
        if (order.parentId() != null && parent == null) {
            emit(working, REJECTED, "unknown parent order " + order.parentId(), order.createdAt(), events);
            return events;
        }
        if (order.replacesOrderId() != null && !replace(working, events)) {
            return events;
        }
        String ocoKey = working.ocoKey();
        WorkingOrder filledSibling = null;
        if (ocoKey != null) {
            List<WorkingOrder> group = ocoGroups.computeIfAbsent(ocoKey, k -> new ArrayList<>());
            filledSibling = group.stream().filter(m -> m.filledQty.signum() > 0).findFirst().orElse(null);
            group.add(working);
        }
        if (parent == null) {
            emit(working, NEW, null, order.createdAt(), events);
            if (filledSibling != null) {
                ocoCancel(working, filledSibling, filledSibling.lastEventTime, events);
                return events;
            }
            activate(List.of(working), events);
            return events;
        }
        emit(working, HELD, null, order.createdAt(), events);
        if (filledSibling != null) {
            ocoCancel(working, filledSibling, filledSibling.lastEventTime, events);
        } else if (parent.status == FILLED) {
            release(List.of(working), parent.lastEventTime, events);
        } else if (parent.status.isFinal()) {
            cancelForParent(working, parent, events);
        } else {
            heldByParent.computeIfAbsent(parent.order.id(), p -> new ArrayList<>()).add(working);
        }
        return events;
    }

    /**
     * Cancels an open or HELD order: CANCELED with {@code reason} (or "cancelled on request") at
     * {@code max(eventTime, time of the order's previous event)}, its HELD legs with it. An unknown or final order
     * gives no event.
     */
    public List<ExecutionEvent> cancel(String orderId, Instant eventTime, String reason) {
        Objects.requireNonNull(eventTime, "eventTime");
        WorkingOrder working = orders.get(orderId);
        if (working == null || working.status.isFinal()) {
            return List.of();
        }
        String why = reason == null || reason.isBlank() ? "cancelled on request" : reason;
        List<ExecutionEvent> events = new ArrayList<>();
        emit(working, CANCELED, why, later(eventTime, working.lastEventTime), events);
        return events;
    }

    /**
     * Processes a bar for the open orders of its symbol (fills, partial fills, expiries, IOC/FOK cancels, and
     * what they cause: legs released or cancelled, OCO siblings cancelled) and keeps it for late orders. A bar
     * whose open time is not after the last bar of its symbol is ignored.
     */
    public List<ExecutionEvent> onBar(Bar bar) {
        Objects.requireNonNull(bar, "bar");
        BarHistory history = histories.computeIfAbsent(bar.symbol(), s -> new BarHistory());
        if (!history.append(bar, config.barHistory())) {
            return List.of();
        }
        TreeMap<OrderKey, WorkingOrder> open = openBySymbol.get(bar.symbol());
        if (open == null || open.isEmpty()) {
            return List.of();
        }
        List<ExecutionEvent> events = new ArrayList<>();
        runBar(bar, new ArrayList<>(open.values()), events);
        return events;
    }

    /** Whether any bar of {@code symbol} has been seen: a symbol without one is unknown to this exchange. */
    public boolean hasMarketData(String symbol) {
        return histories.containsKey(symbol);
    }

    /**
     * Records {@code order} as REJECTED at its createdAt with {@code reason}, without looking at it further; for a
     * rule the caller applies before submitting (the order service's unknown-symbol check). Its id is then taken,
     * like any submitted order's.
     */
    public List<ExecutionEvent> reject(Order order, String reason) {
        Objects.requireNonNull(order, "order");
        if (orders.containsKey(order.id())) {
            return submit(order); // the duplicate-id rejection
        }
        WorkingOrder working = new WorkingOrder(order, config.notionalQuantityScale());
        orders.put(order.id(), working);
        List<ExecutionEvent> events = new ArrayList<>();
        emit(working, REJECTED, reason, order.createdAt(), events);
        return events;
    }

    /** Orders that are not final (HELD legs included), by createdAt then id. */
    public Collection<OrderView> openOrders() {
        return orders.values().stream()
                .filter(working -> !working.status.isFinal())
                .sorted(Comparator.comparing(working -> OrderKey.of(working.order)))
                .map(WorkingOrder::view)
                .toList();
    }

    /** Any order ever submitted (final ones included), by id. */
    public Optional<OrderView> order(String id) {
        return Optional.ofNullable(orders.get(id)).map(WorkingOrder::view);
    }

    /**
     * Forgets every final order (FILLED, CANCELED, EXPIRED, REJECTED, REPLACED), so that {@link #state()} and memory
     * hold only what can still change: open and HELD orders and the bar history. A long-running service calls it
     * between slices, after it has stored the final orders elsewhere; the backtest never does.
     *
     * <p>Open orders fill, expire and release their legs exactly as before: a final order takes part in nothing
     * but lookups by id. Those then treat it as unknown: a duplicate id is no longer detected here (the caller checks
     * its own store), and a contingent leg, replacement or OCO member that names a forgotten order is decided as
     * if that order had never been submitted. Submit legs, replacements and OCO members before the slice in which
     * the order they name becomes final is followed by this call (the router sends a bracket's legs with their
     * parent, in one slice).
     *
     * @return how many orders were forgotten
     */
    public int forgetFinalOrders() {
        int before = orders.size();
        orders.values().removeIf(working -> working.status.isFinal());
        ocoGroups.values().forEach(group -> group.removeIf(working -> working.status.isFinal()));
        ocoGroups.values().removeIf(List::isEmpty);
        heldByParent.values().removeIf(List::isEmpty);
        return before - orders.size();
    }

    /** A snapshot of everything the simulator knows, for a service to persist. */
    public ExecutionState state() {
        List<ExecutionState.OrderState> orderStates = orders.values().stream().map(WorkingOrder::state).toList();
        List<ExecutionState.SymbolBars> bars = new TreeMap<>(histories).entrySet().stream()
                .map(e -> e.getValue().state(e.getKey()))
                .toList();
        return new ExecutionState(orderStates, bars);
    }

    /**
     * A simulator that continues from {@code state} exactly where the one that produced it stopped. If
     * {@code config} keeps fewer bars than the state holds, the oldest are dropped.
     */
    public static ExecutionSimulator restore(ExecutionConfig config, ExecutionState state) {
        ExecutionSimulator simulator = new ExecutionSimulator(config);
        for (ExecutionState.OrderState orderState : state.orders()) {
            WorkingOrder working = WorkingOrder.restore(orderState, config.notionalQuantityScale());
            if (simulator.orders.put(working.order.id(), working) != null) {
                throw new IllegalArgumentException("state holds order " + working.order.id() + " twice");
            }
            if (working.ocoKey() != null) {
                simulator.ocoGroups.computeIfAbsent(working.ocoKey(), k -> new ArrayList<>()).add(working);
            }
            if (working.status == HELD) {
                simulator.heldByParent.computeIfAbsent(working.order.parentId(), p -> new ArrayList<>()).add(working);
            } else if (!working.status.isFinal()) {
                simulator.openBySymbol.computeIfAbsent(working.order.symbol(), s -> new TreeMap<>())
                        .put(OrderKey.of(working.order), working);
            }
        }
        for (ExecutionState.SymbolBars symbolBars : state.bars()) {
            simulator.histories.put(symbolBars.symbol(), BarHistory.restore(symbolBars, config.barHistory()));
        }
        return simulator;
    }

    // --- contingencies -------------------------------------------------------------------------------------

    /** Makes the replacement's target REPLACED, or rejects the replacement; true when it is accepted. */
    private boolean replace(WorkingOrder replacement, List<ExecutionEvent> events) {
        String targetId = replacement.order.replacesOrderId();
        WorkingOrder target = orders.get(targetId);
        if (target == null) {
            emit(replacement, REJECTED, "unknown order " + targetId, replacement.order.createdAt(), events);
            return false;
        }
        if (target.status.isFinal()) {
            emit(replacement, REJECTED, "order " + targetId + " is " + target.status + " and cannot be replaced",
                    replacement.order.createdAt(), events);
            return false;
        }
        emit(target, REPLACED, "replaced by " + replacement.order.id(),
                later(replacement.order.createdAt(), target.lastEventTime), events);
        return true;
    }

    /** Legs whose parent filled at {@code parentFillTime}: NEW at their release, then caught up on kept bars. */
    private void release(List<WorkingOrder> legs, Instant parentFillTime, List<ExecutionEvent> events) {
        for (WorkingOrder leg : legs) {
            leg.releasedAt = later(leg.order.createdAt(), parentFillTime);
            emit(leg, NEW, null, leg.releasedAt, events);
        }
        activate(legs, events);
    }

    private void cancelForParent(WorkingOrder leg, WorkingOrder parent, List<ExecutionEvent> events) {
        emit(leg, CANCELED, "parent order " + parent.order.id() + " " + parent.status,
                later(parent.lastEventTime, leg.lastEventTime), events);
    }

    private void ocoCancel(WorkingOrder member, WorkingOrder filled, Instant time, List<ExecutionEvent> events) {
        emit(member, CANCELED, "oco: order " + filled.order.id() + " filled", later(time, member.lastEventTime),
                events);
    }

    /**
     * Puts NEW orders among the open ones and processes them, together, against the kept bars of their symbols
     * that open after their start, in time order, as if they had been there when those bars came.
     */
    private void activate(List<WorkingOrder> fresh, List<ExecutionEvent> events) {
        Map<String, List<WorkingOrder>> bySymbol = new TreeMap<>();
        for (WorkingOrder working : fresh) {
            if (!working.status.isFinal()) {
                openBySymbol.computeIfAbsent(working.order.symbol(), s -> new TreeMap<>())
                        .put(OrderKey.of(working.order), working);
                bySymbol.computeIfAbsent(working.order.symbol(), s -> new ArrayList<>()).add(working);
            }
        }
        bySymbol.forEach((symbol, group) -> {
            BarHistory history = histories.get(symbol);
            if (history == null) {
                return;
            }
            group.sort(Comparator.comparing(working -> OrderKey.of(working.order)));
            Instant earliest = group.stream().map(WorkingOrder::startTime).min(Comparator.naturalOrder()).orElseThrow();
            for (Bar bar : history.after(earliest)) {
                List<WorkingOrder> live = group.stream().filter(w -> !w.status.isFinal()).toList();
                if (live.isEmpty()) {
                    return;
                }
                runBar(bar, live, events);
            }
        });
    }

    /**
     * One bar for {@code candidates} (open orders of its symbol, by createdAt then id): each OCO group's member
     * with the worst reachable price goes first, at the place of the group's first member.
     */
    private void runBar(Bar bar, List<WorkingOrder> candidates, List<ExecutionEvent> events) {
        Map<String, WorkingOrder> winners = new HashMap<>();
        Map<WorkingOrder, BigDecimal> prices = new HashMap<>();
        for (WorkingOrder working : candidates) {
            String key = working.ocoKey();
            BigDecimal price = key == null ? null : probe(working, bar);
            if (price == null) {
                continue;
            }
            prices.put(working, price);
            WorkingOrder current = winners.get(key);
            if (current == null || worseForTrader(working, price, current, prices.get(current))) {
                winners.put(key, working);
            }
        }
        Set<WorkingOrder> sequence = new LinkedHashSet<>();
        for (WorkingOrder working : candidates) {
            WorkingOrder winner = working.ocoKey() == null ? null : winners.get(working.ocoKey());
            if (winner != null) {
                sequence.add(winner);
            }
            sequence.add(working);
        }
        for (WorkingOrder working : sequence) {
            // An OCO sibling's fill earlier on this bar may have cancelled it.
            if (!working.status.isFinal() && working.status != HELD) {
                process(working, bar, events);
            }
        }
    }

    /** True when {@code a} trading at {@code priceA} is worse for the trader than {@code b} at {@code priceB}. */
    private static boolean worseForTrader(WorkingOrder a, BigDecimal priceA, WorkingOrder b, BigDecimal priceB) {
        if (a.order.side() != b.order.side()) {
            return false;
        }
        int cmp = priceA.compareTo(priceB);
        return a.order.side() == Side.BUY ? cmp > 0 : cmp < 0;
    }

    /** The rule price {@code working} would trade at on {@code bar}, without changing anything; null if none. */
    private BigDecimal probe(WorkingOrder working, Bar bar) {
        Order order = working.order;
        if (!bar.openTime().isAfter(working.startTime())) {
            return null;
        }
        if (working.eligibleFrom == null) {
            if (working.barsAfterCreation + 1 < config.latencyBars()) {
                return null;
            }
        } else if (order.timeInForce() == TimeInForce.DAY
                && sessionDate(bar.openTime()).isAfter(sessionDate(working.eligibleFrom))) {
            return null;
        }
        return FillPriceRules.reach(order, working.triggered, working.trailMark, bar).price();
    }

    // --- one order on one bar ---------------------------------------------------------------------------

    private void process(WorkingOrder working, Bar bar, List<ExecutionEvent> events) {
        Order order = working.order;
        if (!bar.openTime().isAfter(working.startTime())) {
            return;
        }
        if (working.eligibleFrom == null) {
            working.barsAfterCreation++;
            if (working.barsAfterCreation < config.latencyBars()) {
                return;
            }
            working.eligibleFrom = bar.openTime();
        } else if (order.timeInForce() == TimeInForce.DAY
                && sessionDate(bar.openTime()).isAfter(sessionDate(working.eligibleFrom))) {
            emit(working, EXPIRED, "DAY order expired: its session " + sessionDate(working.eligibleFrom)
                    + " (" + config.sessionZone() + ") ended", bar.openTime(), events);
            return;
        }
        tryFill(working, bar, events);
        if (!working.status.isFinal()) {
            // IOC and FOK live for their first eligible bar only, and every bar they see is that one.
            if (order.timeInForce() == TimeInForce.IOC) {
                emit(working, CANCELED,
                        "IOC: the remainder not filled on its first eligible bar is cancelled", bar.openTime(), events);
            } else if (order.timeInForce() == TimeInForce.FOK) {
                emit(working, CANCELED,
                        "FOK: could not fill entirely on its first eligible bar", bar.openTime(), events);
            }
        }
    }

    private void tryFill(WorkingOrder working, Bar bar, List<ExecutionEvent> events) {
        Order order = working.order;
        FillPriceRules.Reach reach = FillPriceRules.reach(order, working.triggered, working.trailMark, bar);
        working.triggered = reach.triggered();
        working.trailMark = reach.trailMark();
        BigDecimal rulePrice = reach.price();
        if (rulePrice == null) {
            return;
        }
        BigDecimal cap = volumeCap(bar, working.quantityScale);
        boolean fillOrKill = order.timeInForce() == TimeInForce.FOK;

        // The quantity this bar would fill without the cap: the remainder, or what a notional budget affords.
        BigDecimal wanted;
        if (order.qty() != null) {
            wanted = order.qty().subtract(working.filledQty);
        } else {
            BigDecimal estimate = notionalQuantity(working, rulePrice);
            BigDecimal estimatedPrice = fillPrice(order, rulePrice, estimate, bar);
            wanted = notionalQuantity(working, estimatedPrice);
            if (wanted.signum() == 0) {
                if (working.isFirstFill()) {
                    emit(working, CANCELED, "notional " + order.notional().toPlainString()
                            + " affords no unit at price " + estimatedPrice.toPlainString()
                            + (order.side() == Side.BUY ? " (fees included)" : ""), bar.openTime(), events);
                } else {
                    emit(working, FILLED, null, bar.openTime(), events);
                }
                return;
            }
        }
        BigDecimal qty = cap == null ? wanted : wanted.min(cap);
        boolean complete = qty.compareTo(wanted) == 0;
        if (qty.signum() == 0 || (fillOrKill && !complete)) {
            return;
        }
        BigDecimal price = fillPrice(order, rulePrice, qty, bar);
        BigDecimal fee = config.fees().fee(qty, price, working.isFirstFill());
        boolean firstFill = working.isFirstFill();
        working.recordFill(qty, price, fee);
        events.add(new Fill(working.nextEventId("FILL"), order.id(), order.accountId(), order.symbol(), order.side(),
                qty, price, fee, bar.openTime()));
        emit(working, complete ? FILLED : PARTIALLY_FILLED, null, bar.openTime(), events);
        if (firstFill && working.ocoKey() != null) {
            for (WorkingOrder sibling : List.copyOf(ocoGroups.get(working.ocoKey()))) {
                if (sibling != working && !sibling.status.isFinal()) {
                    ocoCancel(sibling, working, bar.openTime(), events);
                }
            }
        }
    }

    /** Rule price through slippage, at 8 decimals, never worse than the order's limit. */
    private BigDecimal fillPrice(Order order, BigDecimal rulePrice, BigDecimal qty, Bar bar) {
        BigDecimal price = config.slippage().apply(order.side(), rulePrice, qty, bar)
                .setScale(SlippageModel.PRICE_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal limit = FillPriceRules.worstAllowedPrice(order);
        return limit != null && !FillPriceRules.atOrBetter(order.side(), price, limit) ? limit : price;
    }

    /** What the remaining notional buys (fees included) or sells at {@code price}. */
    private BigDecimal notionalQuantity(WorkingOrder working, BigDecimal price) {
        return working.order.side() == Side.BUY
                ? config.fees().affordableQuantity(working.remainingNotional, price, working.quantityScale,
                        working.isFirstFill())
                : Affordability.floorDiv(working.remainingNotional, price, working.quantityScale);
    }

    /** {@code floor(maxVolumeShare × volume)} at the order's scale; null when there is no cap. */
    private BigDecimal volumeCap(Bar bar, int scale) {
        return config.maxVolumeShare() == null ? null
                : config.maxVolumeShare().multiply(bar.volume()).setScale(scale, RoundingMode.FLOOR);
    }

    private LocalDate sessionDate(Instant time) {
        return LocalDate.ofInstant(time, config.sessionZone());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    /**
     * Records a status change and adds its event, then what it causes: a final order leaves the open orders;
     * its HELD legs are released (FILLED) or cancelled (any other final status).
     */
    private void emit(WorkingOrder working, OrderStatus status, String reason, Instant time,
            List<ExecutionEvent> events) {
        working.status = status;
        working.lastEventTime = time;
        Order order = working.order;
        events.add(new OrderStatusEvent(working.nextEventId(status.name()), order.id(), order.accountId(),
                order.symbol(), status, working.filledQty, working.avgFillPrice(), reason, time));
        if (!status.isFinal()) {
            return;
        }
        TreeMap<OrderKey, WorkingOrder> open = openBySymbol.get(order.symbol());
        if (open != null) {
            open.remove(OrderKey.of(order));
        }
        if (order.parentId() != null) {
            List<WorkingOrder> siblings = heldByParent.get(order.parentId());
            if (siblings != null) {
                siblings.remove(working);
            }
        }
        List<WorkingOrder> legs = heldByParent.remove(order.id());
        if (legs == null || legs.isEmpty()) {
            return;
        }
        if (status == FILLED) {
            release(legs, time, events);
        } else {
            legs.forEach(leg -> cancelForParent(leg, working, events));
        }
    }
}
