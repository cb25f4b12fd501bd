package dev.papertrader.portfolio.service;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.portfolio.config.PortfolioConfig;
import dev.papertrader.portfolio.engine.PortfolioEngine;
import dev.papertrader.portfolio.engine.PortfolioEngineState;
import dev.papertrader.portfolio.engine.SliceInputs;
import dev.papertrader.portfolio.engine.SliceResult;
import dev.papertrader.portfolio.engine.SliceResult.AccountUpdate;
import dev.papertrader.portfolio.repository.PortfolioRepository;
import dev.papertrader.service.engine.EngineStateStore;
import dev.papertrader.service.engine.SerialExecutor;
import dev.papertrader.service.messaging.OutgoingMessage;
import dev.papertrader.service.messaging.ReceivedMessage;
import dev.papertrader.service.messaging.RejectedMessageException;
import dev.papertrader.service.messaging.TransactionalMessaging;
import dev.papertrader.service.rest.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The portfolio service: the {@link PortfolioEngine} behind the watermark protocol of docs/contracts.md (step 3),
 * persisted and published through the transactional outbox.
 *
 * <ul>
 *   <li><b>Fills and order status events</b> ({@code trading.fills::trading.fills.portfolio}) and the <b>order
 *       service's slice-ends</b> are kept, unacknowledged, in {@link SliceInputs}, as are the <b>bars</b> and the
 *       <b>monitor's slice-ends</b> ({@code market.bars::market.bars.portfolio}). A fill for an account that is not
 *       open is rejected to dead letters.</li>
 *   <li>Slice t is processed once both the monitor and the order service have closed it: in one transaction the
 *       engine books the slice's fills (arrival order) and marks its bars (arrival order); the booked fills, the
 *       round trips they closed, the positions, the account rows and equity points, the engine state and one
 *       {@code snapshot} per account ({@code asOf} = t) on {@code portfolio.updates} are written, with inbox rows
 *       for every message consumed; then those are acked.</li>
 *   <li>A bar or watermark of a slice already processed is rejected to dead letters (its stage broke the
 *       protocol), as is a slice-end from a stage that does not close slices on that address.</li>
 *   <li><b>REST</b> opens and resets accounts through the same executor and transactions; they publish nothing
 *       (the next slice's snapshot carries the account).</li>
 *   <li>The <b>default account</b> ({@code papertrader.portfolio.default-account-id}) is opened when the engine is
 *       first loaded and has no account of that id.</li>
 * </ul>
 *
 * Each queue has its own inbox consumer name ({@value #BARS_CONSUMER}, {@value #FILLS_CONSUMER}; the broker names
 * its links after them). A slice's transaction consumes messages of both: it is committed through
 * {@code TransactionalMessaging.commit} with the bars queue's messages, and writes the inbox rows of the fills
 * queue's messages itself, in the same transaction, acking them after the commit (and nacking them on failure).
 * Everything runs on the {@link SerialExecutor}. When a transaction fails its messages are nacked (redelivered) and
 * the engine is reloaded from the last committed state before the next task.
 */
@ApplicationScoped
public class PortfolioService {

    /** The {@code engine_state} key of the portfolio engine. */
    public static final String ENGINE_KEY = "portfolio-engine";
    /** Inbox consumer of the bars queue. */
    public static final String BARS_CONSUMER = "market.bars.portfolio";
    /** Inbox consumer of the fills queue. */
    public static final String FILLS_CONSUMER = "trading.fills.portfolio";
    /** Inbox consumer name of REST commands and start-up (they consume no message). */
    public static final String REST_CONSUMER = "rest";
    /** Where snapshots go. */
    public static final String UPDATES_ADDRESS = "portfolio.updates";

    private final TransactionalMessaging messaging;
    private final EngineStateStore states;
    private final SerialExecutor executor;
    private final PortfolioRepository repository;
    private final PortfolioConfig config;
    private final SliceInputs<ReceivedMessage> inputs = new SliceInputs<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter slicesProcessed;
    private final Counter fillsBooked;
    private PortfolioEngine engine;

    public PortfolioService(TransactionalMessaging messaging, EngineStateStore states, SerialExecutor executor,
            PortfolioRepository repository, PortfolioConfig config, MeterRegistry registry) {
        this.messaging = messaging;
        this.states = states;
        this.executor = executor;
        this.repository = repository;
        this.config = config;
        this.slicesProcessed = Counter.builder("papertrader.portfolio.slices")
                .description("Slices booked and marked").register(registry);
        this.fillsBooked = Counter.builder("papertrader.portfolio.fills")
                .description("Fills booked").register(registry);
        registry.gauge("papertrader.portfolio.pending", pending);
    }

    /** Loads the engine (opening the default account if needed) as soon as the service starts. */
    void onStart(@Observes StartupEvent event) {
        executor.submit(() -> engine().replaceWithVoid()).subscribe().with(
                ok -> { },
                failure -> Log.warnf(failure, "the portfolio engine could not be loaded at start; the next task retries"));
    }

    // --- messages ----------------------------------------------------------------------------------------------

    /** Handles a new message from {@code market.bars::market.bars.portfolio} (a bar or the monitor's slice-end). */
    public Uni<Void> onMarketMessage(ReceivedMessage received) {
        return guarded(this::handleMarket, received);
    }

    /** Handles a new message from {@code trading.fills::trading.fills.portfolio} (a fill, a status, a slice-end). */
    public Uni<Void> onFillsMessage(ReceivedMessage received) {
        return guarded(this::handleFills, received);
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
                inputs.addBar(received.id(), bar, received).ifPresent(this::settleReplaced);
            }
            case SLICE_END -> {
                SliceEnd end = requireSource(received.payload(SliceEnd.class), "monitor", "market.bars");
                if (engine.isPast(end.time())) {
                    return messaging.acknowledgeIfProcessedElseReject(received, () -> "slice-end " + end.id()
                            + " arrived after slice " + end.time() + " was processed");
                }
                inputs.addMonitorEnd(received.id(), end, received).ifPresent(this::settleReplaced);
            }
            default -> throw new RejectedMessageException("a " + received.type().wireName()
                    + " message does not belong on market.bars (expected bar or slice-end)");
        }
        return processReadySlices();
    }

    private Uni<Void> handleFills(ReceivedMessage received) {
        switch (received.type()) {
            case FILL, ORDER_STATUS -> {
                ExecutionEvent event = received.payload(ExecutionEvent.class);
                if (event instanceof Fill fill && !engine.hasAccount(fill.accountId())) {
                    throw new RejectedMessageException("fill " + fill.id() + " is for account '" + fill.accountId()
                            + "', which is not open (accounts: " + engine.accountIds() + ")");
                }
                inputs.addExecution(received.id(), event, received).ifPresent(this::settleReplaced);
            }
            case SLICE_END -> {
                SliceEnd end = requireSource(received.payload(SliceEnd.class), "orders", "trading.fills");
                if (engine.isPast(end.time())) {
                    throw new RejectedMessageException("slice-end " + end.id() + " arrived after slice " + end.time()
                            + " was processed");
                }
                inputs.addOrdersEnd(received.id(), end, received).ifPresent(this::settleReplaced);
            }
            default -> throw new RejectedMessageException("a " + received.type().wireName()
                    + " message does not belong on trading.fills (expected fill, order-status or slice-end)");
        }
        return processReadySlices();
    }

    private SliceEnd requireSource(SliceEnd end, String expected, String address) {
        if (!expected.equals(end.source())) {
            throw new RejectedMessageException("slice-end from '" + end.source() + "' on " + address
                    + ": only the " + expected + " closes slices there");
        }
        return end;
    }

    /** A message delivered again while the first delivery is still kept: the kept one is let go. */
    private void settleReplaced(ReceivedMessage replaced) {
        replaced.envelope().ack().subscribe().with(x -> { }, e -> Log.debugf(e, "settling a replaced delivery failed"));
    }

    /** Processes the next slice while it is ready. */
    private Uni<Void> processReadySlices() {
        Instant time = inputs.ready().orElse(null);
        if (time == null) {
            pending.set(inputs.size());
            return Uni.createFrom().voidItem();
        }
        SliceInputs.Slice<ReceivedMessage> slice = inputs.take(time);
        // A failed slice is not the fault of the message that happened to complete it: its messages are nacked
        // (they come back), the engine is reloaded, and the current message stands.
        return Uni.createFrom().deferred(() -> {
                    SliceResult result = engine.processSlice(time, slice.fills(), slice.barValues());
                    PortfolioEngineState state = engine.state();
                    List<OutgoingMessage> snapshots = new ArrayList<>();
                    for (AccountUpdate account : result.accounts()) {
                        snapshots.add(OutgoingMessage.of(UPDATES_ADDRESS, account.snapshot()));
                    }
                    List<ReceivedMessage> bars = new ArrayList<>();
                    List<ReceivedMessage> fills = new ArrayList<>();
                    for (ReceivedMessage message : slice.handles()) {
                        (BARS_CONSUMER.equals(message.consumer()) ? bars : fills).add(message);
                    }
                    return messaging.commit(BARS_CONSUMER, bars, connection -> repository
                                    .saveSlice(connection, result)
                                    .chain(() -> repository.recordConsumed(connection, FILLS_CONSUMER,
                                            fills.stream().map(ReceivedMessage::id).toList()))
                                    .chain(() -> states.save(connection, ENGINE_KEY, state))
                                    .replaceWith(snapshots))
                            .call(() -> ackAll(fills))
                            .invoke(() -> {
                                slicesProcessed.increment();
                                fillsBooked.increment(result.bookings().size());
                            });
                })
                .onFailure().call(e -> nackUnsettled(slice, e))
                .chain(this::processReadySlices)
                .onFailure().invoke(this::dropEngine)
                .onFailure().recoverWithNull();
    }

    /** Acks messages whose inbox rows a committed transaction wrote; a failure is logged (the inbox skips them). */
    private static Uni<Void> ackAll(List<ReceivedMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(messages.stream().map(m -> m.envelope().ack()).toList()).andCollectFailures()
                .onFailure().invoke(e -> Log.warnf(e, "acking %d consumed messages failed", messages.size()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Nacks what a failed slice consumed and commit has not settled (the engine failed before the commit). */
    private static Uni<Void> nackUnsettled(SliceInputs.Slice<ReceivedMessage> slice, Throwable cause) {
        List<Uni<Void>> nacks = new ArrayList<>();
        for (ReceivedMessage message : slice.handles()) {
            if (!message.envelope().isSettled()) {
                nacks.add(message.envelope().nack(cause));
            }
        }
        return nacks.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(nacks).andCollectFailures().onFailure().recoverWithNull().replaceWithVoid();
    }

    // --- REST commands -----------------------------------------------------------------------------------------

    /** Opens an account; 400 when one with this id exists. */
    public Uni<PortfolioSnapshot> openAccount(String accountId, BigDecimal startingCash) {
        return executor.submit(() -> engine().chain(() -> {
            if (engine.hasAccount(accountId)) {
                throw ProblemException.badRequest("accountId", "account '" + accountId + "' already exists");
            }
            AccountUpdate opened = engine.open(accountId, startingCash);
            return commitAccount(opened, false);
        }));
    }

    /** Starts an account afresh; 404 when there is none with this id. */
    public Uni<PortfolioSnapshot> resetAccount(String accountId, BigDecimal startingCash) {
        return executor.submit(() -> engine().chain(() -> {
            if (!engine.hasAccount(accountId)) {
                throw ProblemException.notFound("no account " + accountId);
            }
            AccountUpdate reset = engine.reset(accountId, startingCash);
            return commitAccount(reset, true);
        }));
    }

    private Uni<PortfolioSnapshot> commitAccount(AccountUpdate account, boolean reset) {
        PortfolioEngineState state = engine.state();
        return messaging.commit(REST_CONSUMER, List.of(), connection -> (reset
                        ? repository.resetAccount(connection, account) : repository.insertAccount(connection, account))
                        .chain(() -> states.save(connection, ENGINE_KEY, state))
                        .replaceWith(List.<OutgoingMessage>of()))
                .onFailure().invoke(this::dropEngine)
                .replaceWith(account.snapshot());
    }

    // --- engine ------------------------------------------------------------------------------------------------

    /** The engine, loaded from {@code engine_state} (or new) if it is not in memory, with the default account open. */
    private Uni<PortfolioEngine> engine() {
        if (engine != null) {
            return Uni.createFrom().item(engine);
        }
        return states.load(ENGINE_KEY, PortfolioEngineState.class).chain(saved -> {
            PortfolioEngine loaded = saved.map(state -> PortfolioEngine.restore(config.tradingDayZone(), state))
                    .orElseGet(() -> new PortfolioEngine(config.tradingDayZone()));
            Log.infof("portfolio engine %s: accounts %s, last slice %s", saved.isPresent() ? "restored" : "new",
                    loaded.accountIds(), loaded.lastSlice().orElse(null));
            if (loaded.hasAccount(config.defaultAccountId())) {
                engine = loaded;
                return Uni.createFrom().item(loaded);
            }
            AccountUpdate opened = loaded.open(config.defaultAccountId(), config.startingCash());
            PortfolioEngineState state = loaded.state();
            return messaging.commit(REST_CONSUMER, List.of(), connection -> repository.insertAccount(connection, opened)
                            .chain(() -> states.save(connection, ENGINE_KEY, state))
                            .replaceWith(List.<OutgoingMessage>of()))
                    .invoke(() -> Log.infof("opened the default account %s with %s", config.defaultAccountId(),
                            config.startingCash().toPlainString()))
                    .map(x -> {
                        engine = loaded;
                        return loaded;
                    });
        });
    }

    /** Forgets the in-memory engine: the next task reloads the last committed state. */
    private void dropEngine(Throwable cause) {
        Log.warnf("reloading the portfolio engine from its last committed state after: %s", cause.toString());
        engine = null;
    }

    /** For tests and metrics: the messages held until their slice is processed. */
    public Uni<Integer> pendingMessages() {
        return executor.submit(() -> Uni.createFrom().item(inputs.size()));
    }

    /** For tests: drops the in-memory engine, as after a failure or a restart, so the next task restores it. */
    public Uni<Void> reloadEngine() {
        return executor.submit(() -> {
            engine = null;
            return engine().replaceWithVoid();
        });
    }
}
