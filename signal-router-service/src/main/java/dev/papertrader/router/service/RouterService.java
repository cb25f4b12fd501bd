package dev.papertrader.router.service;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.RoutingResult;
import dev.papertrader.router.alpaca.AlpacaReadModel;
import dev.papertrader.router.config.RouterServiceConfig;
import dev.papertrader.router.config.RouterSettings;
import dev.papertrader.router.engine.PendingBars;
import dev.papertrader.router.engine.PendingSlices;
import dev.papertrader.router.engine.RouterEngine;
import dev.papertrader.router.engine.RouterEngineState;
import dev.papertrader.router.repository.DecisionRepository;
import dev.papertrader.router.repository.DecisionRow;
import dev.papertrader.router.repository.RouterConfigRepository;
import dev.papertrader.service.engine.EngineStateStore;
import dev.papertrader.service.engine.SerialExecutor;
import dev.papertrader.service.messaging.OutgoingMessage;
import dev.papertrader.service.messaging.ReceivedMessage;
import dev.papertrader.service.messaging.RejectedMessageException;
import dev.papertrader.service.messaging.TransactionalMessaging;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The router service: drives the {@link RouterEngine} from the three queues it reads and from the REST commands,
 * everything on the one {@link SerialExecutor}, every change committed with {@link TransactionalMessaging#commit}.
 *
 * <h2>What each message does</h2>
 * <ul>
 *   <li>{@code trading.signals}, {@code signal}: a <i>late</i> signal (its bar is at or before the last decided slice)
 *       is decided at once, in its own transaction, against the last slice's snapshot, its order created at the last
 *       decided slice ({@link RouterEngine#decideLate}). Any other is kept, unacknowledged, with its slice.</li>
 *   <li>{@code trading.signals}, {@code slice-end} from {@code monitor}: kept with its slice (acked alone if the slice
 *       is decided already). A slice-end from another source is dead-lettered.</li>
 *   <li>{@code portfolio.updates}, {@code snapshot}: the router's account's snapshot is kept with the slice of its
 *       {@code asOf}; another account's, or one of a decided slice, is acked alone with no effect.</li>
 *   <li>{@code trading.fills}, {@code fill} and {@code order-status}: fed to the router in arrival order
 *       ({@link RouterEngine#onExecution}), then committed together: the first of a burst queues a flush behind the
 *       messages already waiting on the executor, so the fills and statuses of a slice, which arrive together, take
 *       one transaction instead of one each. Until then they are unacknowledged; any transaction that writes the
 *       router's state before the flush (a slice, a late signal, a REST command) takes them with it, so the stored
 *       state never holds an execution whose message is not in the inbox. When the engine is reloaded they are given
 *       back (their effect is gone with it) and come again.</li>
 *   <li>{@code trading.fills}, {@code slice-end} from {@code orders}: raises the order service's watermark, committed
 *       with the router's state.</li>
 *   <li>Any other kind on a queue is dead-lettered; so is what cannot be decoded (TransactionalMessaging).</li>
 * </ul>
 *
 * <h2>Closing a slice</h2>
 * After each message, the next slice ({@link PendingSlices#next}) is decided when it has the monitor's slice-end, its
 * signals, the snapshot as of its time, and the order service has closed it. One transaction then holds: the
 * slice's signals and watermark in the inbox, a {@code decisions} row per signal, the router's state (with the
 * snapshot it used), and in the outbox each accepted order on {@code trading.orders}, each decision on
 * {@code trading.decisions}, then {@code slice-end(t)} on {@code trading.orders} counting the orders, sent even when
 * the slice had no signal. The snapshot is acknowledged right after, in its own queue's inbox (each queue has its
 * own inbox name); if that fails it comes again and, its slice being decided, is only acknowledged.
 *
 * <p>When a transaction fails its messages are nacked (they come again) and the engine and the settings are reloaded
 * from what was committed.
 *
 * <h2>What is stored</h2>
 * Every transaction that changes the engine saves its {@linkplain RouterEngine#compactState() compact state} in
 * {@code engine_state}: open orders, cooldowns, halt, watermarks and the last snapshot, but not the router's duplicate
 * memory (every signal id decided within the duplicate window, and the accepted signals' keys), which would make each
 * commit, a fill's included, cost more the more signals were decided. Every transaction that decides a signal (a
 * slice, a late signal) inserts its {@code decisions} rows in the same transaction, so the rows are the memory: on
 * load (at start and after a failed transaction) the engine is restored from the stored state and the decisions
 * about signals within the duplicate window of the newest decided bar time ({@link DecisionRepository#remembered}).
 * Manual orders' decisions are stored too but are not signals: they are left out. A state stored in full by an older
 * version still loads, merged with the decisions.
 */
@ApplicationScoped
public class RouterService {

    /** Inbox name (and AMQP link name) of the signals queue. */
    public static final String SIGNALS_CONSUMER = "trading.signals";
    /** Inbox name of the router's snapshot queue. */
    public static final String PORTFOLIO_CONSUMER = "portfolio.updates.router";
    /** Inbox name of the router's fills queue. */
    public static final String FILLS_CONSUMER = "trading.fills.router";
    /** Inbox name of the REST commands' transactions (they consume no message). */
    public static final String REST_CONSUMER = "rest";
    /** Inbox name of the router's bars queue. */
    public static final String BARS_CONSUMER = "market.bars.router";
    /** Where orders and the router's watermarks go. */
    public static final String ORDERS_ADDRESS = "trading.orders";
    /** Where decisions go. */
    public static final String DECISIONS_ADDRESS = "trading.decisions";
    /** The {@code source} of the watermarks the router waits for and sends. */
    static final String MONITOR = "monitor";
    static final String ORDERS = "orders";
    static final String ROUTER = "router";

    private final Pool pool;
    private final TransactionalMessaging messaging;
    private final SerialExecutor executor;
    private final EngineStateStore stateStore;
    private final DecisionRepository decisions;
    private final RouterConfigRepository configs;
    private final RouterServiceConfig config;
    private final AlpacaReadModel alpaca;
    private final PendingSlices<ReceivedMessage> pending = new PendingSlices<>();
    private final PendingBars<ReceivedMessage> pendingBars = new PendingBars<>();

    private RouterEngine engine;
    private RouterSettings settings;
    /** Executions fed to the engine and not committed yet, in arrival order (see the class comment). */
    private final List<PendingExecution> pendingExecutions = new ArrayList<>();
    private boolean flushQueued;

    /**
     * An execution message and the snapshot the read model takes it with (the one in force when it arrived). A
     * class, not a record: it never becomes JSON, so it stays out of the native reflection list.
     */
    private static final class PendingExecution {
        private ReceivedMessage message;
        private final ExecutionEvent event;
        private final PortfolioSnapshot snapshot;

        PendingExecution(ReceivedMessage message, ExecutionEvent event, PortfolioSnapshot snapshot) {
            this.message = message;
            this.event = event;
            this.snapshot = snapshot;
        }

        ReceivedMessage message() {
            return message;
        }

        ExecutionEvent event() {
            return event;
        }

        PortfolioSnapshot snapshot() {
            return snapshot;
        }
    }

    public RouterService(Pool pool, TransactionalMessaging messaging, SerialExecutor executor,
            EngineStateStore stateStore, DecisionRepository decisions, RouterConfigRepository configs,
            RouterServiceConfig config, AlpacaReadModel alpaca) {
        this.pool = pool;
        this.messaging = messaging;
        this.executor = executor;
        this.stateStore = stateStore;
        this.decisions = decisions;
        this.configs = configs;
        this.config = config;
        this.alpaca = alpaca;
    }

    /** The {@code engine_state} key of the router of {@code accountId}. */
    public static String stateKey(String accountId) {
        return "router|" + accountId;
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    /** A new message from {@code trading.signals} (a {@link dev.papertrader.service.messaging.MessageHandler}). */
    public Uni<Void> onSignalsMessage(ReceivedMessage received) {
        return loaded().chain(() -> switch (received.type()) {
            case SIGNAL -> onSignal(received);
            case SLICE_END -> onMonitorSliceEnd(received);
            default -> rejected("a " + received.type().wireName() + " does not belong on trading.signals");
        });
    }

    /** A new message from {@code portfolio.updates::portfolio.updates.router}. */
    public Uni<Void> onPortfolioMessage(ReceivedMessage received) {
        return loaded().chain(() -> switch (received.type()) {
            case SNAPSHOT -> onSnapshot(received);
            default -> rejected("a " + received.type().wireName() + " does not belong on portfolio.updates");
        });
    }

    /** A new message from {@code trading.fills::trading.fills.router}. */
    public Uni<Void> onFillsMessage(ReceivedMessage received) {
        return loaded().chain(() -> switch (received.type()) {
            case FILL, ORDER_STATUS -> onExecution(received);
            case SLICE_END -> onOrdersSliceEnd(received);
            default -> rejected("a " + received.type().wireName() + " does not belong on trading.fills");
        });
    }

    /**
     * A new message from {@code market.bars::market.bars.router}: a bar's close becomes its symbol's last price. Bars
     * are held, unacknowledged, until the monitor's slice-end of their slice; then the slice's bars and the
     * slice-end are committed in one transaction (one commit per slice, not per bar). A bar of a slice already
     * closed is committed at once, alone.
     */
    public Uni<Void> onBarsMessage(ReceivedMessage received) {
        return switch (received.type()) {
            case BAR -> {
                Bar bar = received.payload(Bar.class);
                if (pendingBars.isClosed(bar.openTime())) {
                    yield commitLastPrices(List.of(received), List.of(bar));
                }
                pendingBars.add(received.id(), bar, received).ifPresent(RouterService::letGo);
                yield Uni.createFrom().voidItem();
            }
            case SLICE_END -> {
                SliceEnd end = received.payload(SliceEnd.class);
                List<PendingBars.Entry<ReceivedMessage>> held = pendingBars.takeThrough(end.time());
                List<ReceivedMessage> consumed = new ArrayList<>(held.stream().map(PendingBars.Entry::handle).toList());
                consumed.add(received);
                yield commitLastPrices(consumed, held.stream().map(PendingBars.Entry::bar).toList())
                        .invoke(() -> pendingBars.closed(end.time()));
            }
            default -> rejected("a " + received.type().wireName() + " does not belong on market.bars");
        };
    }

    /** Stores the bars' closes as last prices with the consumed messages in one transaction; on failure they come again. */
    private Uni<Void> commitLastPrices(List<ReceivedMessage> consumed, List<Bar> bars) {
        return messaging.commit(BARS_CONSUMER, consumed, connection -> alpaca.storeLastPrices(connection, bars)
                        .replaceWith(List.<OutgoingMessage>of()))
                .invoke(() -> bars.forEach(alpaca::rememberLastPrice));
    }

    /** A bar delivered again while the first delivery is held: the held one is let go. */
    private static void letGo(ReceivedMessage replaced) {
        replaced.envelope().ack().subscribe().with(x -> { }, e -> Log.debugf(e, "settling a replaced delivery failed"));
    }

    private Uni<Void> onSignal(ReceivedMessage message) {
        Signal signal = message.payload(Signal.class);
        if (engine.isLate(signal)) {
            RoutingResult result;
            try {
                result = engine.decideLate(signal);
            } catch (RuntimeException e) {
                return giveBack(List.of(), e);
            }
            Log.infof("late signal %s of bar %s decided at the last closed slice %s: %s", signal.id(),
                    signal.barTime(), engine.lastClosedSlice().orElseThrow(), result.decision().rule());
            return commitChange(message.consumer(), List.of(message), connection -> storeDecisions(connection,
                    List.of(DecisionRow.of(result.decision(), signal)), outgoing(List.of(result))));
        }
        return settleReplaced(pending.addSignal(message.id(), signal, message)).chain(this::closeReadySlices);
    }

    private Uni<Void> onMonitorSliceEnd(ReceivedMessage message) {
        SliceEnd end = message.payload(SliceEnd.class);
        if (!MONITOR.equals(end.source())) {
            return rejected("only the monitor closes slices on trading.signals, not '" + end.source() + "'");
        }
        if (engine.isClosed(end.time())) {
            return acknowledgeOnly(message);
        }
        return settleReplaced(pending.addEnd(message.id(), end, message)).chain(this::closeReadySlices);
    }

    private Uni<Void> onSnapshot(ReceivedMessage message) {
        PortfolioSnapshot snapshot = message.payload(PortfolioSnapshot.class);
        if (snapshot.asOf() == null || snapshot.accountId() == null) {
            return rejected("a snapshot needs its accountId and asOf");
        }
        if (!engine.accountId().equals(snapshot.accountId()) || engine.isClosed(snapshot.asOf())) {
            return acknowledgeOnly(message);
        }
        String invalid = invalidSnapshot(snapshot);
        if (invalid != null) {
            return rejected(invalid);
        }
        return settleReplaced(pending.addSnapshot(message.id(), snapshot, message)).chain(this::closeReadySlices);
    }

    /**
     * Feeds the event to the router and, in the same transaction, to the Alpaca read model; the read model's
     * {@code trade_updates} go out after the commit.
     */
    private Uni<Void> onExecution(ReceivedMessage message) {
        ExecutionEvent event = message.payload(ExecutionEvent.class);
        for (PendingExecution pending : pendingExecutions) {
            if (pending.message().id().equals(message.id())) {
                // delivered again while pending (a reconnect): one effect; the new delivery is the one to settle
                letGo(pending.message());
                pending.message = message;
                return Uni.createFrom().voidItem();
            }
        }
        engine.onExecution(event);
        pendingExecutions.add(new PendingExecution(message, event, engine.lastSnapshot().orElse(null)));
        if (!flushQueued) {
            flushQueued = true;
            // a burst of fills becomes one transaction
            executor.submitOnNextTurn(this::flushExecutions, "committing the pending executions (they come again)");
        }
        return Uni.createFrom().voidItem();
    }

    /** Commits the pending executions with the router's state, unless an earlier transaction took them. */
    private Uni<Void> flushExecutions() {
        flushQueued = false;
        if (pendingExecutions.isEmpty() || engine == null) {
            return Uni.createFrom().voidItem();
        }
        return commitChange(FILLS_CONSUMER, List.of(), this::saveState);
    }

    /**
     * Takes the pending executions into a transaction: their read-model rows and inbox rows are written on
     * {@code connection}; they are acknowledged (and their trade updates sent) after its commit, given back if it
     * fails.
     */
    private Uni<List<PendingExecution>> writePendingExecutions(SqlConnection connection, List<PendingExecution> taken,
            List<Runnable> afterCommit) {
        if (taken.isEmpty()) {
            return Uni.createFrom().item(taken);
        }
        Uni<Void> written = Uni.createFrom().voidItem();
        for (PendingExecution execution : taken) {
            written = written.chain(() -> alpaca.onExecution(connection, execution.event(), execution.snapshot())
                    .invoke(afterCommit::add).replaceWithVoid());
        }
        return written.chain(() -> messaging.recordConsumed(connection, FILLS_CONSUMER,
                taken.stream().map(PendingExecution::message).toList())).replaceWith(taken);
    }

    /** Gives back the pending executions (their effect on the engine is being dropped): the broker sends them again. */
    private Uni<Void> giveBackPendingExecutions(Throwable cause) {
        List<ReceivedMessage> taken = pendingExecutions.stream().map(PendingExecution::message).toList();
        pendingExecutions.clear();
        return settle(taken, m -> m.envelope().nack(cause));
    }

    private Uni<Void> onOrdersSliceEnd(ReceivedMessage message) {
        SliceEnd end = message.payload(SliceEnd.class);
        if (!ORDERS.equals(end.source())) {
            return rejected("only the order service closes slices on trading.fills, not '" + end.source() + "'");
        }
        engine.ordersClosed(end.time());
        return commitChange(message.consumer(), List.of(message), this::saveState).chain(this::closeReadySlices);
    }

    /** Decides the next slice while it is ready; one transaction per slice. */
    private Uni<Void> closeReadySlices() {
        Optional<Instant> next = pending.next();
        if (next.isEmpty() || !pending.isComplete(next.get()) || !engine.ordersReady(next.get())) {
            return Uni.createFrom().voidItem();
        }
        Instant time = next.get();
        PendingSlices.Closure<ReceivedMessage> closure = pending.take(time);
        List<Signal> signals = closure.signals().stream().map(PendingSlices.Entry::value).toList();
        List<RoutingResult> results;
        try {
            results = engine.closeSlice(time, closure.snapshot(), signals);
        } catch (RuntimeException e) {
            return giveBack(closure.handles(), e);
        }
        List<DecisionRow> rows = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            rows.add(DecisionRow.of(results.get(i).decision(), signals.get(i)));
        }
        List<OutgoingMessage> outgoing = outgoing(results);
        long orders = results.stream().filter(RoutingResult::accepted).count();
        outgoing.add(OutgoingMessage.of(ORDERS_ADDRESS, SliceEnd.of(ROUTER, ORDERS_ADDRESS, time, (int) orders)));
        Log.debugf("slice %s decided: %d signals, %d orders", time, signals.size(), orders);
        // The slice's transaction consumes its signals and watermarks; the snapshots it used are acknowledged right
        // after, in their own inbox. Should that fail, a snapshot comes again, finds its slice decided and is only
        // acknowledged: the slice's state already holds it (lastSnapshot).
        List<ReceivedMessage> signalsQueue = closure.handles().stream()
                .filter(m -> SIGNALS_CONSUMER.equals(m.consumer())).toList();
        List<ReceivedMessage> others = closure.handles().stream()
                .filter(m -> !SIGNALS_CONSUMER.equals(m.consumer())).toList();
        PortfolioSnapshot sliceSnapshot = closure.snapshot();
        return commitChange(SIGNALS_CONSUMER, signalsQueue, connection -> alpaca.storeEquity(connection, sliceSnapshot)
                        .chain(() -> storeDecisions(connection, rows, outgoing)))
                .onFailure().call(e -> settle(others, m -> m.envelope().nack(e)))
                .chain(() -> acknowledgeOnly(others))
                .chain(this::closeReadySlices);
    }

    /** Each accepted order on {@code trading.orders}, then each decision on {@code trading.decisions}. */
    private static List<OutgoingMessage> outgoing(List<RoutingResult> results) {
        List<OutgoingMessage> messages = new ArrayList<>();
        results.stream().filter(RoutingResult::accepted)
                .forEach(result -> messages.add(OutgoingMessage.of(ORDERS_ADDRESS, result.order())));
        results.forEach(result -> messages.add(OutgoingMessage.of(DECISIONS_ADDRESS, result.decision())));
        return messages;
    }

    private Uni<List<OutgoingMessage>> storeDecisions(SqlConnection connection, List<DecisionRow> rows,
            List<OutgoingMessage> outgoing) {
        return decisions.insert(connection, rows).chain(() -> saveState(connection)).replaceWith(outgoing);
    }

    /**
     * Saves the engine's compact state (no duplicate memory: the {@code decisions} rows hold it), in the caller's
     * transaction. Every transaction that decides a signal inserts its decision rows in the same transaction.
     */
    private Uni<List<OutgoingMessage>> saveState(SqlConnection connection) {
        return stateStore.save(connection, stateKey(engine.accountId()), engine.compactState())
                .replaceWith(List.<OutgoingMessage>of());
    }

    private Uni<Void> acknowledgeOnly(ReceivedMessage message) {
        return acknowledgeOnly(List.of(message));
    }

    /** Records the messages as consumed, each in its own queue's inbox, with no other effect; then acks them. */
    private Uni<Void> acknowledgeOnly(List<ReceivedMessage> messages) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (String consumer : messages.stream().map(ReceivedMessage::consumer).distinct().toList()) {
            List<ReceivedMessage> ofConsumer = messages.stream().filter(m -> consumer.equals(m.consumer())).toList();
            done = done.chain(() -> messaging.commit(consumer, ofConsumer,
                    connection -> Uni.createFrom().item(List.<OutgoingMessage>of())));
        }
        return done;
    }

    /**
     * What the router needs of a snapshot it decides against, beyond what decoding checked: cash, equity, and each
     * position's symbol, quantity and market value. Null when it has them, else why not.
     */
    static String invalidSnapshot(PortfolioSnapshot snapshot) {
        if (snapshot.cash() == null || snapshot.equity() == null) {
            return "the router's snapshot needs cash and equity";
        }
        for (PositionSnapshot position : snapshot.positions()) {
            if (position == null || position.symbol() == null || position.qty() == null
                    || position.marketValue() == null) {
                return "every position of the router's snapshot needs symbol, qty and marketValue";
            }
        }
        return null;
    }

    /**
     * The engine failed while deciding (nothing was committed): the messages taken for it are given back to the broker
     * (delivered again), the engine is reloaded from the database, and the failure is passed on.
     */
    private Uni<Void> giveBack(List<ReceivedMessage> taken, RuntimeException failure) {
        Log.errorf(failure, "the router failed while deciding; reloading it from the database");
        engine = null;
        return settle(taken, m -> m.envelope().nack(failure)).chain(() -> giveBackPendingExecutions(failure))
                .chain(this::loaded)
                .chain(() -> Uni.createFrom().<Void>failure(failure));
    }

    private static Uni<Void> settle(List<ReceivedMessage> messages, Function<ReceivedMessage, Uni<Void>> settlement) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (ReceivedMessage message : messages) {
            done = done.chain(() -> settlement.apply(message).onFailure().recoverWithNull());
        }
        return done;
    }

    /** A message replaced in the buffer by a copy of itself (same id) is settled: the copy will be committed. */
    private static Uni<Void> settleReplaced(Optional<ReceivedMessage> replaced) {
        return replaced.map(message -> message.envelope().ack()).orElse(Uni.createFrom().voidItem());
    }

    private static Uni<Void> rejected(String reason) {
        return Uni.createFrom().failure(new RejectedMessageException(reason));
    }

    /**
     * Commits a change the engine has already made in memory; if the transaction fails, the engine and the settings
     * are reloaded from the database (the change is undone) and the failure is passed on.
     */
    private Uni<Void> commitChange(String consumer, List<ReceivedMessage> consumed,
            Function<SqlConnection, Uni<List<OutgoingMessage>>> work) {
        // The state written below holds the pending executions' effects: their messages go into this transaction.
        List<PendingExecution> executions = List.copyOf(pendingExecutions);
        pendingExecutions.clear();
        List<Runnable> afterCommit = new ArrayList<>();
        List<ReceivedMessage> executionMessages = executions.stream().map(PendingExecution::message).toList();
        return messaging.commit(consumer, consumed, connection -> writePendingExecutions(connection, executions,
                        afterCommit).chain(() -> work.apply(connection)))
                .call(() -> settle(executionMessages, m -> m.envelope().ack()))
                .invoke(() -> afterCommit.forEach(Runnable::run))
                .onFailure().call(failure -> {
                    Log.warnf(failure, "router transaction failed; reloading the router from the database");
                    engine = null;
                    return settle(executionMessages, m -> m.envelope().nack(failure))
                            .chain(() -> giveBackPendingExecutions(failure))
                            .chain(this::loaded);
                });
    }

    // ---- REST commands and reads (each on the executor) -----------------------------------------------------------

    /** The router's status now. */
    public Uni<RouterStatus> status() {
        return onExecutor(() -> Uni.createFrom().item(this::currentStatus));
    }

    /** The settings in force. */
    public Uni<RouterSettings> settings() {
        return onExecutor(() -> Uni.createFrom().item(() -> settings));
    }

    /**
     * Replaces the settings from the next slice on and stores them (they outlive a restart), in one transaction with
     * the router's state.
     *
     * @throws RouterSettings.InvalidSettingsException (as the failure) when trading-core refuses a value
     */
    public Uni<RouterSettings> updateSettings(RouterSettings replacement) {
        return Uni.createFrom().item(replacement::toRouterConfig).chain(routerConfig -> onExecutor(() -> {
            engine.updateConfig(routerConfig);
            settings = replacement;
            return commitChange(REST_CONSUMER, List.of(), connection -> configs.save(connection, engine.accountId(), replacement)
                    .chain(() -> saveState(connection)))
                    .replaceWith(() -> settings);
        }));
    }

    /** The kill switch: openings are rejected ({@code kill-switch}) until {@link #resume()}. */
    public Uni<RouterStatus> halt(String reason) {
        return onExecutor(() -> {
            engine.halt(reason);
            Log.warnf("router of %s halted: %s", engine.accountId(), reason);
            return commitChange(REST_CONSUMER, List.of(), this::saveState).map(done -> currentStatus());
        });
    }

    /** Lifts the kill switch or the drawdown halt. */
    public Uni<RouterStatus> resume() {
        return onExecutor(() -> {
            engine.resume();
            Log.infof("router of %s resumed", engine.accountId());
            return commitChange(REST_CONSUMER, List.of(), this::saveState).map(done -> currentStatus());
        });
    }

    /** The router as the Alpaca API sees it; read on the executor. */
    public Uni<RouterView> view() {
        return onExecutor(() -> Uni.createFrom().item(() -> new RouterView(engine.accountId(),
                engine.lastClosedSlice().orElse(null), engine.lastSnapshot().orElse(null), engine.halted(),
                engine.config(), engine.openOrders().stream()
                        .filter(order -> order.side() == dev.papertrader.core.model.Side.BUY)
                        .map(order -> order.notional()).reduce(BigDecimal.ZERO, BigDecimal::add))));
    }

    /**
     * Places a manual (Alpaca API) order through the router's risk checks ({@link RouterEngine#decideManual}), at the
     * last decided slice. One transaction: the decision row, the router's state, {@code store} (the read model) and
     * in the outbox the orders (when accepted) then the decision.
     *
     * @param ordersAt the orders (entry first), created at the given event time
     * @param store    writes the read model for the decision, inside the transaction
     * @throws MarketNotStartedException (as the failure) when the router has decided no slice yet
     */
    public Uni<Decision> placeManual(Function<Instant, List<Order>> ordersAt, BigDecimal referencePrice,
            BiFunction<SqlConnection, Decision, Uni<Void>> store) {
        return onExecutor(() -> {
            Optional<Instant> time = engine.lastClosedSlice();
            if (time.isEmpty() || engine.lastSnapshot().isEmpty()) {
                return Uni.createFrom().failure(new MarketNotStartedException());
            }
            List<Order> orders = ordersAt.apply(time.get());
            Decision decision = engine.decideManual(orders, referencePrice);
            List<OutgoingMessage> outgoing = new ArrayList<>();
            if (decision.accepted()) {
                orders.forEach(order -> outgoing.add(OutgoingMessage.of(ORDERS_ADDRESS, order)));
            }
            outgoing.add(OutgoingMessage.of(DECISIONS_ADDRESS, decision));
            return commitChange(REST_CONSUMER, List.of(), connection -> decisions.insert(connection,
                            List.of(DecisionRow.manual(decision, referencePrice)))
                    .chain(() -> store.apply(connection, decision))
                    .chain(() -> saveState(connection))
                    .replaceWith(outgoing))
                    .replaceWith(decision);
        });
    }

    /**
     * Publishes messages on {@code trading.orders} made at the last decided slice (cancel requests, replacements
     * that need no risk check), with {@code store} in the same transaction.
     *
     * @throws MarketNotStartedException (as the failure) when the router has decided no slice yet
     */
    public Uni<Void> publishOrders(Function<Instant, List<Object>> messagesAt,
            BiFunction<SqlConnection, Instant, Uni<Void>> store) {
        return onExecutor(() -> {
            Optional<Instant> time = engine.lastClosedSlice();
            if (time.isEmpty()) {
                return Uni.createFrom().failure(new MarketNotStartedException());
            }
            List<OutgoingMessage> outgoing = messagesAt.apply(time.get()).stream()
                    .map(message -> OutgoingMessage.of(ORDERS_ADDRESS, message)).toList();
            return commitChange(REST_CONSUMER, List.of(), connection -> store.apply(connection, time.get())
                    .replaceWith(outgoing));
        });
    }

    /** The router has decided no slice yet: there is no event time and no snapshot to check an order against. */
    public static final class MarketNotStartedException extends IllegalStateException {
        public MarketNotStartedException() {
            super("market data has not started");
        }
    }

    /**
     * What the Alpaca API reads of the router.
     *
     * @param lastClosedSlice the event time of the router, null before the first slice
     * @param lastSnapshot    the account's snapshot at that slice, null before the first
     * @param reservedCash    the estimated cost of the router's open BUY orders
     */
    public record RouterView(String accountId, Instant lastClosedSlice, PortfolioSnapshot lastSnapshot, boolean halted,
            RouterConfig config, BigDecimal reservedCash) {
    }

    private <T> Uni<T> onExecutor(Supplier<Uni<T>> task) {
        return executor.submit(() -> loaded().chain(() -> task.get()));
    }

    private RouterStatus currentStatus() {
        Optional<Instant> next = pending.next();
        List<String> waitingFor = new ArrayList<>();
        if (next.isPresent()) {
            waitingFor.addAll(pending.missing(next.get()));
            if (!engine.ordersReady(next.get())) {
                waitingFor.add("orders slice-end");
            }
        }
        return new RouterStatus(engine.accountId(), engine.halted(), engine.haltRule(), engine.haltReason(),
                engine.openOrders().stream().map(RouterStatus.OpenOrder::of).toList(),
                engine.lastClosedSlice().orElse(null), engine.ordersClosedThrough().orElse(null),
                next.orElse(null), List.copyOf(waitingFor), pending.signalCount(),
                pending.summaries().stream().map(RouterStatus.PendingSlice::of).toList());
    }

    // ---- loading ------------------------------------------------------------------------------------------------

    /** Loads the settings and the engine from the database unless they are loaded. Runs on the executor. */
    private Uni<Void> loaded() {
        if (engine != null) {
            return Uni.createFrom().voidItem();
        }
        String accountId = config.accountId();
        return configs.load(pool, accountId)
                .chain(stored -> stateStore.load(pool, stateKey(accountId), RouterEngineState.class).chain(state -> {
                    RouterSettings current = stored.orElseGet(() -> RouterSettings.from(config));
                    RouterConfig routerConfig = current.toRouterConfig();
                    return decisions.remembered(pool, accountId, routerConfig.filters().duplicateWindow())
                            .map(decided -> {
                                settings = current;
                                engine = RouterEngine.restore(routerConfig, accountId,
                                        state.orElseGet(RouterEngineState::empty), decided);
                                Log.infof("router of %s loaded: settings from %s, last closed slice %s, orders closed"
                                        + " through %s, %d decided signals remembered", accountId,
                                        stored.isPresent() ? "the database" : "the configuration",
                                        engine.lastClosedSlice().orElse(null), engine.ordersClosedThrough().orElse(null),
                                        decided.size());
                                return null;
                            });
                }))
                .replaceWithVoid();
    }

    /**
     * For tests: drops the in-memory engine, as a failed transaction or a restart does, and restores it from the
     * database (its stored state and the decisions) on the executor.
     */
    public Uni<Void> reloadEngine() {
        return executor.submit(() -> {
            engine = null;
            return giveBackPendingExecutions(new IllegalStateException("the router engine is reloaded"))
                    .chain(this::loaded);
        });
    }
}
