package dev.papertrader.core.execution;

import static dev.papertrader.core.model.OrderStatus.CANCELED;
import static dev.papertrader.core.model.OrderStatus.EXPIRED;
import static dev.papertrader.core.model.OrderStatus.FILLED;
import static dev.papertrader.core.model.OrderStatus.NEW;
import static dev.papertrader.core.model.OrderStatus.PARTIALLY_FILLED;
import static dev.papertrader.core.model.OrderStatus.REJECTED;

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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 *       trigger), and rests as a limit order from the next bar. Sells mirror every rule. Details in
 *       {@link FillPriceRules}.</li>
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
 *       Within one bar, orders are processed by {@code createdAt}, then id.</li>
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
 *       for an order that is, say, FILLED would contradict its status.</li>
 * </ol>
 *
 * <p>Per order, the sequence of events is the same in every interleaving of {@link #submit} and
 * {@link #onBar} calls; across orders, a stable sort by (event time, order id) gives one canonical list.
 * Not thread-safe: a service calls it from one thread (or under one lock). It keeps every order it was given,
 * final ones included, so that duplicate ids stay detectable.
 */
public final class ExecutionSimulator {

    private final ExecutionConfig config;
    private final Map<String, WorkingOrder> orders = new LinkedHashMap<>();
    private final Map<String, TreeMap<OrderKey, WorkingOrder>> openBySymbol = new HashMap<>();
    private final Map<String, BarHistory> histories = new HashMap<>();

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
     * Accepts an order: NEW (or REJECTED with its reason), then, if bars of its symbol newer than its
     * {@code createdAt} are already in the history, the events those bars give it.
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
        BarHistory history = histories.get(order.symbol());
        if (history != null && history.evictedAfter(order.createdAt())) {
            return List.of(status(working, REJECTED, "too late: bars of " + order.symbol() + " after createdAt "
                    + order.createdAt() + " are no longer kept (history ends before " + history.evictedThrough()
                    + "); it cannot be filled as it would have been in time", order.createdAt()));
        }
        List<ExecutionEvent> events = new ArrayList<>();
        events.add(status(working, NEW, null, order.createdAt()));
        if (history != null) {
            for (Bar bar : history.after(order.createdAt())) {
                process(working, bar, events);
                if (working.status.isFinal()) {
                    return events;
                }
            }
        }
        openBySymbol.computeIfAbsent(order.symbol(), s -> new TreeMap<>()).put(OrderKey.of(order), working);
        return events;
    }

    /**
     * Cancels an open order: CANCELED with {@code reason} (or "cancelled on request") at
     * {@code max(eventTime, time of the order's previous event)}. An unknown or final order gives no event.
     */
    public List<ExecutionEvent> cancel(String orderId, Instant eventTime, String reason) {
        Objects.requireNonNull(eventTime, "eventTime");
        WorkingOrder working = orders.get(orderId);
        if (working == null || working.status.isFinal()) {
            return List.of();
        }
        closeOpen(working);
        Instant time = eventTime.isBefore(working.lastEventTime) ? working.lastEventTime : eventTime;
        String why = reason == null || reason.isBlank() ? "cancelled on request" : reason;
        return List.of(status(working, CANCELED, why, time));
    }

    /**
     * Processes a bar for the open orders of its symbol (fills, partial fills, expiries, IOC/FOK cancels) and
     * keeps it for late orders. A bar whose open time is not after the last bar of its symbol is ignored.
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
        for (Iterator<WorkingOrder> it = open.values().iterator(); it.hasNext();) {
            WorkingOrder working = it.next();
            process(working, bar, events);
            if (working.status.isFinal()) {
                it.remove();
            }
        }
        return events;
    }

    /** Orders that can still fill, by createdAt then id. */
    public Collection<OrderView> openOrders() {
        return openBySymbol.values().stream()
                .flatMap(open -> open.entrySet().stream())
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getValue().view())
                .toList();
    }

    /** Any order ever submitted (final ones included), by id. */
    public Optional<OrderView> order(String id) {
        return Optional.ofNullable(orders.get(id)).map(WorkingOrder::view);
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
            if (!working.status.isFinal()) {
                simulator.openBySymbol.computeIfAbsent(working.order.symbol(), s -> new TreeMap<>())
                        .put(OrderKey.of(working.order), working);
            }
        }
        for (ExecutionState.SymbolBars symbolBars : state.bars()) {
            simulator.histories.put(symbolBars.symbol(), BarHistory.restore(symbolBars, config.barHistory()));
        }
        return simulator;
    }

    // --- one order on one bar ---------------------------------------------------------------------------

    private void process(WorkingOrder working, Bar bar, List<ExecutionEvent> events) {
        Order order = working.order;
        if (!bar.openTime().isAfter(order.createdAt())) {
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
            events.add(status(working, EXPIRED, "DAY order expired: its session " + sessionDate(working.eligibleFrom)
                    + " (" + config.sessionZone() + ") ended", bar.openTime()));
            return;
        }
        tryFill(working, bar, events);
        if (!working.status.isFinal()) {
            // IOC and FOK live for their first eligible bar only, and every bar they see is that one.
            if (order.timeInForce() == TimeInForce.IOC) {
                events.add(status(working, CANCELED,
                        "IOC: the remainder not filled on its first eligible bar is cancelled", bar.openTime()));
            } else if (order.timeInForce() == TimeInForce.FOK) {
                events.add(status(working, CANCELED,
                        "FOK: could not fill entirely on its first eligible bar", bar.openTime()));
            }
        }
    }

    private void tryFill(WorkingOrder working, Bar bar, List<ExecutionEvent> events) {
        Order order = working.order;
        FillPriceRules.Reach reach = FillPriceRules.reach(order, working.triggered, bar);
        working.triggered = reach.triggered();
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
                events.add(working.isFirstFill()
                        ? status(working, CANCELED, "notional " + order.notional().toPlainString()
                                + " affords no unit at price " + estimatedPrice.toPlainString()
                                + (order.side() == Side.BUY ? " (fees included)" : ""), bar.openTime())
                        : status(working, FILLED, null, bar.openTime()));
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
        working.recordFill(qty, price, fee);
        events.add(new Fill(working.nextEventId("FILL"), order.id(), order.accountId(), order.symbol(), order.side(),
                qty, price, fee, bar.openTime()));
        events.add(status(working, complete ? FILLED : PARTIALLY_FILLED, null, bar.openTime()));
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

    private void closeOpen(WorkingOrder working) {
        TreeMap<OrderKey, WorkingOrder> open = openBySymbol.get(working.order.symbol());
        if (open != null) {
            open.remove(OrderKey.of(working.order));
        }
    }

    private OrderStatusEvent status(WorkingOrder working, OrderStatus status, String reason, Instant time) {
        working.status = status;
        working.lastEventTime = time;
        Order order = working.order;
        return new OrderStatusEvent(working.nextEventId(status.name()), order.id(), order.accountId(),
                order.symbol(), status, working.filledQty, working.avgFillPrice(), reason, time);
    }
}
