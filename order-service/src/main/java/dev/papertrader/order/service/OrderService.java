package dev.papertrader.order.service;

import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.execution.OrderView;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.CancelRequest;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.order.config.ExecutionSettings;
import dev.papertrader.order.engine.OrderEngine;
import dev.papertrader.order.engine.OrderEngineState;
import dev.papertrader.order.engine.SliceBuffer;
import dev.papertrader.order.repository.BarHistoryRepository;
import dev.papertrader.order.repository.OrderRepository;
import dev.papertrader.order.repository.OrderRow;
import dev.papertrader.order.rest.NewOrderRequest;
import dev.papertrader.order.rest.OrderResponse;
import dev.papertrader.service.engine.EngineStateStore;
import dev.papertrader.service.engine.SerialExecutor;
import dev.papertrader.service.messaging.OutgoingMessage;
import dev.papertrader.service.messaging.ReceivedMessage;
import dev.papertrader.service.messaging.RejectedMessageException;
import dev.papertrader.service.messaging.TransactionalMessaging;
import dev.papertrader.service.rest.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The order service: the {@link OrderEngine} behind the watermark protocol of docs/contracts.md, persisted and
 * published through the transactional outbox.
 *
 * <ul>
 *   <li><b>Orders</b> ({@code trading.orders}, kind {@code order}) are submitted on arrival and committed with
 *       their row, their events (NEW or REJECTED, and the catch-up fills of a late order) and the engine state; the
 *       events are published on {@code trading.fills}. The orders of a burst (a slice's, sent in one relay round)
 *       share one transaction: the first queues a flush behind the messages already waiting, and any transaction
 *       before it (the router's slice-end, a slice) takes them with it. A second order with an id already received
 *       is rejected to dead letters.</li>
 *   <li><b>Cancel requests</b> ({@code trading.orders}, kind {@code cancel}) cancel an open (or HELD) order at the
 *       later of the request's {@code requestedAt} and the last processed slice (and never before the order's
 *       previous event), its HELD legs with it, in one transaction with the inbox row. A request for a final order
 *       is a no-op (logged; recorded in the inbox); one for an unknown order, or for an order of another account,
 *       goes to dead letters with the reason.</li>
 *   <li>The <b>router's slice-end</b> on {@code trading.orders} moves the router watermark (persisted too).</li>
 *   <li><b>Bars</b> and the <b>monitor's slice-end</b> ({@code market.bars::market.bars.orders}) are kept,
 *       unacknowledged, in a {@link SliceBuffer}. The earliest slice is processed once it is complete and the
 *       router has closed the slice before it: in one transaction its bars go through the exchange, the fills and
 *       status changes are stored and published, then {@code slice-end(t)} from {@code orders} on
 *       {@code trading.fills}; inbox rows for the bars and the watermark, the engine state; then they are
 *       acked.</li>
 *   <li>A bar or monitor watermark of a slice already processed is rejected to dead letters (the monitor broke the
 *       protocol); so is a slice-end from another stage than the one the address belongs to.</li>
 *   <li><b>REST</b>: a manual order gets id {@code manual-<n>} and {@code createdAt} = the last processed slice, so
 *       it fills from the next bar on; a cancel takes effect at the last processed slice.</li>
 * </ul>
 *
 * Everything runs on the {@link SerialExecutor}. When a transaction fails its messages are nacked (redelivered)
 * and the engine is reloaded from the last committed state before the next task.
 */
@ApplicationScoped
public class OrderService {

    /** The {@code engine_state} key of the order engine. */
    public static final String ENGINE_KEY = "order-engine";
    /** Inbox consumer of the bars queue. */
    public static final String BARS_CONSUMER = "market.bars.orders";
    /** Inbox consumer of the orders queue. */
    public static final String ORDERS_CONSUMER = "trading.orders";
    /** Inbox consumer name of REST commands (they consume no message). */
    public static final String REST_CONSUMER = "rest";
    /** Where fills, status changes and this stage's watermarks go. */
    public static final String FILLS_ADDRESS = "trading.fills";
    /** The {@code source} of this stage's watermarks. */
    public static final String SOURCE = "orders";

    private final TransactionalMessaging messaging;
    private final EngineStateStore states;
    private final SerialExecutor executor;
    private final OrderRepository repository;
    private final BarHistoryRepository barHistory;
    private final Pool pool;
    private final ExecutionConfig config;
    private final SliceBuffer<ReceivedMessage> buffer = new SliceBuffer<>();
    /** Orders submitted and not committed yet, in arrival order (see {@link PendingOrder}). */
    private final List<PendingOrder> pendingOrders = new ArrayList<>();
    private boolean flushQueued;
    private OrderEngine engine;

    public OrderService(TransactionalMessaging messaging, EngineStateStore states, SerialExecutor executor,
            OrderRepository repository, BarHistoryRepository barHistory, Pool pool, ExecutionSettings settings) {
        this.messaging = messaging;
        this.states = states;
        this.executor = executor;
        this.repository = repository;
        this.barHistory = barHistory;
        this.pool = pool;
        this.config = ExecutionSettings.toExecutionConfig(settings);
    }

    /** Restores the engine from {@code engine_state} at startup, so that a state that cannot be read stops it. */
    void onStart(@Observes StartupEvent event) {
        reloadEngine().await().atMost(Duration.ofMinutes(1));
    }

    // --- messages ----------------------------------------------------------------------------------------------

    /**
     * Handles a new message from {@code market.bars::market.bars.orders} (a bar or the monitor's slice-end). The queue
     * is read with {@link dev.papertrader.service.messaging.InboxCheck#BY_HANDLER}: a message of a slice after the
     * last processed one cannot be in the inbox (both commit together), so only one of a past slice is looked up.
     */
    public Uni<Void> onMarketMessage(ReceivedMessage received) {
        return guarded(this::handleMarket, received);
    }

    /** Handles a new message from {@code trading.orders} (an order, a cancel request or the router's slice-end). */
    public Uni<Void> onOrdersMessage(ReceivedMessage received) {
        return guarded(this::handleOrders, received);
    }

    /** Runs a handler with the engine loaded; any failure but a rejection drops the engine to be reloaded. */
    private Uni<Void> guarded(Function<ReceivedMessage, Uni<Void>> handler, ReceivedMessage received) {
        return engine().chain(() -> Uni.createFrom().deferred(() -> handler.apply(received)))
                .onFailure(e -> !(e instanceof RejectedMessageException)).invoke(this::dropEngine);
    }

    private Uni<Void> handleMarket(ReceivedMessage received) {
        switch (received.type()) {
            case BAR -> {
                Bar bar = received.payload(Bar.class);
                if (engine.isPast(bar.openTime())) {
                    return messaging.acknowledgeIfProcessedElseReject(received, () -> "bar " + received.id()
                            + " arrived after its slice " + bar.openTime() + " was processed (last slice "
                            + engine.lastSlice().orElseThrow() + ")");
                }
                buffer.addBar(received.id(), bar, received).ifPresent(this::settleReplaced);
            }
            case SLICE_END -> {
                SliceEnd end = received.payload(SliceEnd.class);
                requireSource(end, "monitor", "market.bars");
                if (engine.isPast(end.time())) {
                    return messaging.acknowledgeIfProcessedElseReject(received, () -> "slice-end " + received.id()
                            + " arrived after slice " + end.time() + " was processed");
                }
                buffer.addEnd(received.id(), end, received).ifPresent(this::settleReplaced);
            }
            default -> throw new RejectedMessageException("a " + received.type().wireName()
                    + " message does not belong on market.bars (expected bar or slice-end)");
        }
        return processReadySlices();
    }

    private Uni<Void> handleOrders(ReceivedMessage received) {
        switch (received.type()) {
            case ORDER -> {
                Order order = received.payload(Order.class);
                // The engine forgets final orders after each slice; the orders table remembers every id.
                Uni<Boolean> known = engine.order(order.id()).isPresent() ? Uni.createFrom().item(true)
                        : repository.findOrder(order.id()).map(Optional::isPresent);
                for (PendingOrder pending : pendingOrders) {
                    if (pending.message.id().equals(received.id())) {
                        // delivered again while pending (a reconnect): one effect; the new delivery is settled
                        settleReplaced(pending.message);
                        pending.message = received;
                        return Uni.createFrom().voidItem();
                    }
                }
                return known.chain(duplicate -> {
                    if (duplicate) {
                        throw new RejectedMessageException("duplicate order id " + order.id()
                                + ": an order with this id was already received in another message");
                    }
                    pendingOrders.add(new PendingOrder(received, order, engine.submit(order)));
                    queueFlush();
                    return Uni.createFrom().voidItem();
                });
            }
            case CANCEL -> {
                CancelRequest request = received.payload(CancelRequest.class);
                Optional<OrderView> open = engine.order(request.orderId());
                Uni<Optional<OrderTarget>> target = open.isPresent()
                        ? Uni.createFrom().item(open.map(view -> new OrderTarget(view.order().accountId(),
                                view.status().name(), view.status().isFinal())))
                        : repository.findOrder(request.orderId()).map(row -> row.map(
                                stored -> new OrderTarget(stored.accountId(), stored.status(), true)));
                return target.chain(found -> {
                    OrderTarget order = found.orElseThrow(() -> new RejectedMessageException(
                            "cancel request " + request.id() + ": unknown order " + request.orderId()));
                    if (!order.accountId().equals(request.accountId())) {
                        throw new RejectedMessageException("cancel request " + request.id() + ": order "
                                + request.orderId() + " belongs to account " + order.accountId() + ", not "
                                + request.accountId());
                    }
                    if (order.isFinal()) {
                        Log.infof("cancel request %s: order %s is already %s, nothing to cancel", request.id(),
                                request.orderId(), order.status());
                    }
                    List<ExecutionEvent> events = order.isFinal() ? List.of()
                            : engine.cancel(request.orderId(), request.reason(), request.requestedAt());
                    return commit(ORDERS_CONSUMER, List.of(received), events, null, null, null);
                });
            }
            case SLICE_END -> {
                SliceEnd end = received.payload(SliceEnd.class);
                requireSource(end, "router", "trading.orders");
                engine.routerClosed(end.time());
                return commit(ORDERS_CONSUMER, List.of(received), List.of(), null, null, null)
                        .chain(this::processReadySlices);
            }
            default -> throw new RejectedMessageException("a " + received.type().wireName()
                    + " message does not belong on trading.orders (expected order, cancel or slice-end)");
        }
    }

    /**
     * The order a cancel names: in the engine (open, or final within the current slice) or, final, in the table.
     * A class rather than a record: it never becomes JSON, so it stays out of the native reflection list.
     */
    private static final class OrderTarget {
        private final String accountId;
        private final String status;
        private final boolean isFinal;

        OrderTarget(String accountId, String status, boolean isFinal) {
            this.accountId = accountId;
            this.status = status;
            this.isFinal = isFinal;
        }

        String accountId() {
            return accountId;
        }

        String status() {
            return status;
        }

        boolean isFinal() {
            return isFinal;
        }
    }

    private static void requireSource(SliceEnd end, String expected, String address) {
        if (!expected.equals(end.source())) {
            throw new RejectedMessageException("slice-end from '" + end.source() + "' on " + address
                    + ": only the " + expected + " closes slices there");
        }
    }

    /**
     * An order submitted to the engine and not committed yet: the orders of a slice arrive together (one relay round
     * of the router) and are committed together, by {@link #flushOrders} or by any earlier transaction, which takes
     * them with it (the stored engine state holds their effect). A class, not a record: it never becomes JSON.
     */
    private static final class PendingOrder {
        private ReceivedMessage message;
        private final Order order;
        private final List<ExecutionEvent> events;

        PendingOrder(ReceivedMessage message, Order order, List<ExecutionEvent> events) {
            this.message = message;
            this.order = order;
            this.events = events;
        }
    }

    /**
     * Queues one commit of the pending orders, on the next turn of the event loop (so the other messages of the same
     * read are delivered first) and behind the tasks already waiting on the executor.
     */
    private void queueFlush() {
        if (flushQueued) {
            return;
        }
        flushQueued = true;
        executor.submitOnNextTurn(this::flushOrders, "committing the pending orders (they come again)");
    }

    private Uni<Void> flushOrders() {
        flushQueued = false;
        if (pendingOrders.isEmpty() || engine == null) {
            return Uni.createFrom().voidItem();
        }
        return commit(ORDERS_CONSUMER, List.of(), List.of(), null, null, null).onFailure().invoke(this::dropEngine);
    }

    /** Gives the pending orders back to the broker: their effect on the engine is being dropped; they come again. */
    private void giveBackPendingOrders(Throwable cause) {
        List<PendingOrder> taken = List.copyOf(pendingOrders);
        pendingOrders.clear();
        taken.forEach(pending -> pending.message.envelope().nack(cause).subscribe().with(x -> { },
                e -> Log.debugf(e, "giving back a pending order failed")));
    }

    /** A bar or watermark delivered again while the first delivery is still kept: the kept one is let go. */
    private void settleReplaced(ReceivedMessage replaced) {
        replaced.envelope().ack().subscribe().with(x -> { }, e -> Log.debugf(e, "settling a replaced delivery failed"));
    }

    /**
     * Processes the earliest buffered slice while it is complete, allowed by the router's watermark, and the slice
     * its monitor watermark names as previous is processed.
     */
    private Uni<Void> processReadySlices() {
        engine.lastSlice().ifPresent(buffer::processedThrough);
        Instant slice = buffer.next().orElse(null);
        if (slice == null || !buffer.isComplete(slice) || !engine.mayProcess(slice)
                || !engine.follows(buffer.end(slice).orElseThrow().value().previous())) {
            return Uni.createFrom().voidItem();
        }
        List<ReceivedMessage> consumed = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (SliceBuffer.Entry<Bar, ReceivedMessage> entry : buffer.bars(slice)) {
            bars.add(entry.value());
            consumed.add(entry.handle());
        }
        consumed.add(buffer.end(slice).orElseThrow().handle());
        List<ExecutionEvent> events = engine.processSlice(slice, bars);
        SliceEnd done = SliceEnd.of(SOURCE, FILLS_ADDRESS, slice, events.size());
        // A failed slice is not the fault of the message that happened to complete it: its messages are nacked
        // and given back (they come back, and no later slice goes first), the engine is reloaded, and the current
        // message stands.
        return commitSlice(consumed, events, done, bars)
                .onItem().invoke(() -> buffer.remove(slice))
                .onFailure().invoke(() -> buffer.giveBack(slice))
                .chain(this::processReadySlices)
                .onFailure().invoke(this::dropEngine)
                .onFailure().recoverWithNull();
    }

    // --- REST commands -----------------------------------------------------------------------------------------

    /** Places a manual order created at the last processed slice; 409 before the first slice. */
    public Uni<OrderResponse> placeManualOrder(NewOrderRequest request) {
        return executor.submit(() -> engine().chain(() -> {
            Instant createdAt = engine.lastSlice().orElseThrow(() -> ProblemException.conflict(
                    "no slice has been processed yet: a manual order is created at the last processed slice"));
            return repository.nextManualOrderNumber().chain(number -> {
                Order order;
                try {
                    order = request.toOrder("manual-" + number, createdAt);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest(null, e.getMessage());
                }
                List<ExecutionEvent> events = engine.submit(order);
                return commit(REST_CONSUMER, List.of(), events, null, order, OrderRow.FROM_REST)
                        .replaceWith(order.id());
            }).onFailure(e -> !(e instanceof ProblemException)).invoke(this::dropEngine);
        })).chain(id -> repository.findOrder(id)).map(found -> found.orElseThrow());
    }

    /** Cancels an open order; 404 for an unknown order, 409 for a final one. */
    public Uni<OrderResponse> cancel(String orderId) {
        return executor.submit(() -> engine().chain(() -> {
            Optional<OrderView> view = engine.order(orderId);
            if (view.isEmpty()) {
                // not open: final (forgotten by the engine after its slice, kept in the table) or unknown
                return repository.findOrder(orderId).chain(stored -> Uni.createFrom().<Void>failure(stored
                        .map(order -> ProblemException.conflict("order " + orderId + " is " + order.status()
                                + " and cannot be cancelled"))
                        .orElseGet(() -> ProblemException.notFound("no order " + orderId))));
            }
            if (view.get().status().isFinal()) {
                throw ProblemException.conflict("order " + orderId + " is " + view.get().status()
                        + " and cannot be cancelled");
            }
            List<ExecutionEvent> events = engine.cancel(orderId, "cancelled on request");
            return commit(REST_CONSUMER, List.of(), events, null, null, null)
                    .onFailure().invoke(this::dropEngine);
        })).chain(() -> repository.findOrder(orderId)).map(found -> found.orElseThrow());
    }

    // --- transactions and engine -------------------------------------------------------------------------------

    /**
     * One transaction for what the engine just did: order rows, fills and status events, the engine state, the
     * outbox (the events, then {@code sliceEnd} if given), inbox rows for {@code consumed}.
     *
     * <p>A slice's transaction ({@code sliceEnd} given) first lets the engine forget its final orders: their rows
     * hold all that is left to know of them, so the state written in every transaction holds only open orders and
     * the bar history, and does not grow with the orders ever received.
     *
     * <p>The bar history is not in the {@code engine_state} JSON but in {@code bar_history}: a slice's transaction
     * adds its bars and deletes the evicted ones ({@link BarHistoryRepository}).
     *
     * @param newOrder the order just submitted (its row is inserted), or null
     */
    private Uni<Void> commit(String consumer, List<ReceivedMessage> consumed, List<ExecutionEvent> events,
            SliceEnd sliceEnd, Order newOrder, String source) {
        return commit(consumer, consumed, events, sliceEnd, newOrder, source, List.of());
    }

    /** The transaction of a processed slice: its events, its {@code slice-end}, its bars into the history. */
    private Uni<Void> commitSlice(List<ReceivedMessage> consumed, List<ExecutionEvent> events, SliceEnd sliceEnd,
            List<Bar> bars) {
        return commit(BARS_CONSUMER, consumed, events, sliceEnd, null, null, bars);
    }

    private Uni<Void> commit(String consumer, List<ReceivedMessage> consumed, List<ExecutionEvent> events,
            SliceEnd sliceEnd, Order newOrder, String source, List<Bar> sliceBars) {
        // The state written below holds the pending orders' effects: they go into this transaction, first.
        List<PendingOrder> taken = List.copyOf(pendingOrders);
        pendingOrders.clear();
        List<ExecutionEvent> allEvents = new ArrayList<>();
        Map<String, String> newOrders = new LinkedHashMap<>();
        for (PendingOrder pending : taken) {
            allEvents.addAll(pending.events);
            newOrders.put(pending.order.id(), OrderRow.FROM_MESSAGE);
        }
        allEvents.addAll(events);
        if (newOrder != null) {
            newOrders.put(newOrder.id(), source);
        }
        List<OrderRow> rows = orderRows(allEvents, newOrders);
        if (sliceEnd != null) {
            engine.forgetFinalOrders();
        }
        OrderEngineState state = engine.state();
        List<OutgoingMessage> outgoing = new ArrayList<>();
        allEvents.forEach(event -> outgoing.add(OutgoingMessage.of(FILLS_ADDRESS, event)));
        if (sliceEnd != null) {
            outgoing.add(OutgoingMessage.of(FILLS_ADDRESS, sliceEnd));
        }
        List<ReceivedMessage> takenMessages = taken.stream().map(pending -> pending.message).toList();
        return messaging.commit(consumer, consumed, connection -> messaging
                        .recordConsumed(connection, ORDERS_CONSUMER, takenMessages)
                        .chain(() -> repository.save(connection, rows, allEvents))
                        .chain(() -> sliceBars.isEmpty() ? Uni.createFrom().voidItem()
                                : barHistory.update(connection, sliceBars, state.execution().bars()))
                        .chain(() -> states.save(connection, ENGINE_KEY, state.withoutBars()))
                        .replaceWith(outgoing))
                .call(() -> settleAll(takenMessages, message -> message.envelope().ack()))
                .onFailure().call(failure -> settleAll(takenMessages, message -> message.envelope().nack(failure)));
    }

    private static Uni<Void> settleAll(List<ReceivedMessage> messages, Function<ReceivedMessage, Uni<Void>> settle) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (ReceivedMessage message : messages) {
            done = done.chain(() -> settle.apply(message).onFailure().recoverWithNull());
        }
        return done;
    }

    /**
     * The row of every order the events touch and of the new orders (id → source), as the engine sees it now.
     */
    private List<OrderRow> orderRows(List<ExecutionEvent> events, Map<String, String> newOrders) {
        Map<String, OrderStatusEvent> lastStatus = new LinkedHashMap<>();
        newOrders.keySet().forEach(id -> lastStatus.put(id, null));
        for (ExecutionEvent event : events) {
            if (event instanceof OrderStatusEvent status) {
                lastStatus.put(status.orderId(), status);
            } else {
                lastStatus.putIfAbsent(event.orderId(), null);
            }
        }
        List<OrderRow> rows = new ArrayList<>();
        lastStatus.forEach((orderId, status) -> {
            OrderView view = engine.order(orderId).orElseThrow();
            rows.add(new OrderRow(view.order(), newOrders.getOrDefault(orderId, OrderRow.FROM_MESSAGE), view.status(), view.filledQty(), view.avgFillPrice(), view.fees(),
                    status == null ? null : status.reason(),
                    status == null ? view.order().createdAt() : status.eventTime()));
        });
        return rows;
    }

    /** The engine, loaded from {@code engine_state} (or new) if it is not in memory. */
    private Uni<OrderEngine> engine() {
        if (engine != null) {
            return Uni.createFrom().item(engine);
        }
        return states.load(ENGINE_KEY, OrderEngineState.class).chain(saved -> barHistory.load(pool)
                .map(bars -> saved.map(state -> state.withBars(bars)))).map(saved -> {
            engine = saved.map(state -> OrderEngine.restore(config, state)).orElseGet(() -> new OrderEngine(config));
            Log.infof("order engine %s: last slice %s, router closed through %s", saved.isPresent() ? "restored" : "new",
                    engine.lastSlice().orElse(null), engine.routerClosedThrough().orElse(null));
            return engine;
        });
    }

    /** Forgets the in-memory engine: the next task reloads the last committed state. */
    private void dropEngine(Throwable cause) {
        Log.warnf("reloading the order engine from its last committed state after: %s", cause.toString());
        engine = null;
        giveBackPendingOrders(cause);
    }

    /** Where the engine stands: its watermarks and the slices waiting for their turn. */
    public Uni<EngineStatus> status() {
        return executor.submit(() -> engine().map(current -> new EngineStatus(current.lastSlice().orElse(null),
                current.routerClosedThrough().orElse(null), buffer.size(), buffer.earliest().orElse(null))));
    }

    /**
     * Drops the in-memory engine and restores it from its last committed state, as after a failure or a restart;
     * for operators and tests.
     */
    public Uni<Void> reloadEngine() {
        return executor.submit(() -> {
            engine = null;
            giveBackPendingOrders(new IllegalStateException("the order engine is reloaded"));
            return engine().replaceWithVoid();
        });
    }
}
