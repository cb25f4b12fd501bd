package dev.papertrader.monitor.feed;

import dev.papertrader.core.model.Signal;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.monitor.alert.AlertEvents;
import dev.papertrader.monitor.alert.AlertHub;
import dev.papertrader.monitor.config.MonitorConfig;
import dev.papertrader.monitor.repository.BarRepository;
import dev.papertrader.monitor.repository.SignalRepository;
import dev.papertrader.monitor.repository.WatchlistRepository;
import dev.papertrader.monitor.strategy.StrategyRunner.EmittedSignal;
import dev.papertrader.monitor.strategy.StrategyRunner.Running;
import dev.papertrader.monitor.strategy.StrategyRunner;
import dev.papertrader.monitor.watchlist.WatchlistEntry;
import dev.papertrader.service.engine.EngineStateStore;
import dev.papertrader.service.engine.SerialExecutor;
import dev.papertrader.service.messaging.TransactionalMessaging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the market data feed: takes the next slice, runs the watchlist's strategies on it and commits it, one slice at
 * a time, paced at {@code papertrader.monitor.feed.speed} slices per second by Vert.x timers.
 *
 * <p>One transaction per slice (through {@link TransactionalMessaging#commit}, with no consumed message): the bars
 * into {@code bars}, the signals into {@code signals}, the feed position ({@link FeedState}) into
 * {@code engine_state}, and the outbox in the order of {@link SliceMessages}. Once committed, the slice's signals
 * go to the alerts stream ({@link AlertHub}), as does every start, stop and end of the feed ({@code feed-status}).
 * Signals are stamped with the wall clock as {@code emittedAt} (informational only).
 *
 * <p>Loading (at every start, and after a failed commit): the position is read back from {@code engine_state} and the
 * feed is positioned after the last committed slice; fresh strategy instances are created for the enabled watchlist
 * entries and warmed up on the stored bars ({@link StrategyRunner}). A stop and start therefore behaves exactly as a
 * process restart, and after a failed commit (whose slice the strategies had already seen) the in-memory state is
 * rebuilt from what was committed, then the slice is tried again after {@code retry-delay}.
 *
 * <p>Live feeds ({@link LiveFeed}, e.g. {@code feed.type=binance} through its {@link LiveFeedProvider}): published
 * as soon as a slice is ready (no pacing), asked again every poll interval while none is; connected on start and
 * disconnected on stop; told the instruments of the running strategies whenever the watchlist changes.
 *
 * <p>Everything that touches the feed, the strategies or the position runs on the service's {@link SerialExecutor};
 * REST reads of the status read volatile fields.
 */
@ApplicationScoped
public class FeedService {

    /** The engine_state key of the feed position. */
    public static final String STATE_KEY = "monitor.feed";
    /** Bars read per query when warming strategies up. */
    static final int WARM_UP_PAGE = 5000;
    private static final String CONSUMER = "monitor-feed";

    private final MonitorConfig.Feed config;
    private final TransactionalMessaging messaging;
    private final SerialExecutor executor;
    private final EngineStateStore stateStore;
    private final BarRepository bars;
    private final SignalRepository signals;
    private final WatchlistRepository watchlist;
    private final Clock clock;
    private final Vertx vertx;
    private final MarketDataFeed feed;
    private final StrategyRunner runner;
    private final AlertHub alerts;
    private volatile Pacer pacer;

    private final Counter slicesCounter;
    private final Counter barsCounter;
    private final Counter signalsCounter;
    private final Counter failuresCounter;
    private final Timer commitTimer;

    // Touched on the executor only.
    private boolean loaded;
    private Context context;

    private volatile boolean running;
    private volatile boolean ended;
    private volatile FeedState state;
    private volatile int runningStrategies;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong failedCommits = new AtomicLong();
    private volatile long timerId = -1;

    public FeedService(MonitorConfig config, TransactionalMessaging messaging, SerialExecutor executor,
            EngineStateStore stateStore, BarRepository bars, SignalRepository signals, WatchlistRepository watchlist,
            StrategyRegistry registry, Clock clock, Vertx vertx, MeterRegistry meters, AlertHub alerts,
            @Any Instance<LiveFeedProvider> liveFeeds) {
        this.config = config.feed();
        this.messaging = messaging;
        this.executor = executor;
        this.stateStore = stateStore;
        this.bars = bars;
        this.signals = signals;
        this.watchlist = watchlist;
        this.clock = clock;
        this.vertx = vertx;
        this.alerts = alerts;
        this.feed = liveFeeds.stream().filter(provider -> provider.type().equalsIgnoreCase(this.config.type().strip()))
                .findFirst().<MarketDataFeed>map(LiveFeedProvider::create)
                .orElseGet(() -> FeedFactory.create(this.config));
        this.runner = new StrategyRunner(registry);
        this.pacer = new Pacer(feed instanceof LiveFeed ? 0 : this.config.speed());
        this.state = FeedState.initial(feed.type());
        this.slicesCounter = meters.counter("papertrader.monitor.slices", "feed", feed.type());
        this.barsCounter = meters.counter("papertrader.monitor.bars", "feed", feed.type());
        this.signalsCounter = meters.counter("papertrader.monitor.signals", "feed", feed.type());
        this.failuresCounter = meters.counter("papertrader.monitor.slice.failures", "feed", feed.type());
        this.commitTimer = meters.timer("papertrader.monitor.slice.commit", "feed", feed.type());
        meters.gauge("papertrader.monitor.feed.running", this, service -> service.running ? 1 : 0);
    }

    /** The feed's symbols and timeframes, in slice order. */
    public List<Instrument> instruments() {
        return feed.instruments();
    }

    /** The live feed's connection health; empty for replay and synthetic feeds. */
    public Optional<FeedHealth> health() {
        return feed instanceof LiveFeed live ? Optional.of(live.health()) : Optional.empty();
    }

    /** The feed's state now. */
    public FeedStatus status() {
        FeedState current = state;
        return new FeedStatus(feed.type(), running, ended, current.slicesPublished(), current.lastSliceTime(),
                current.loop(), current.offset(), pacer.rate(), config.loop(), feed.instruments(), runningStrategies,
                failedCommits.get());
    }

    /** {@link #start(Double)} at the configured speed. */
    public Uni<FeedStatus> start() {
        return start(null);
    }

    /**
     * Starts publishing, after loading the position and warming the strategies up; when it is running already, only
     * the speed changes (if one is given). Completes once loaded, with the status.
     *
     * @param speed slices per second until the next start (0: as fast as possible), null for the configured speed
     * @throws IllegalArgumentException when {@code speed} is negative or not finite
     */
    public Uni<FeedStatus> start(Double speed) {
        // A live feed publishes each slice as soon as the exchange closes it: no pacing.
        Pacer paced = new Pacer(feed instanceof LiveFeed ? 0 : speed == null ? config.speed() : speed);
        return executor.submit(() -> {
            if (running) {
                if (speed != null) {
                    paced.start(System.nanoTime());
                    pacer = paced;
                }
                return Uni.createFrom().item(status());
            }
            pacer = paced;
            return load().map(ignored -> {
                if (context == null) {
                    context = vertx.getOrCreateContext();
                }
                running = true;
                if (feed instanceof LiveFeed live) {
                    live.connect();
                }
                long current = generation.incrementAndGet();
                pacer.start(System.nanoTime());
                Log.infof("feed %s started after %s (%d slices published so far)", feed.type(),
                        state.lastSliceTime() == null ? "nothing" : state.lastSliceTime(), state.slicesPublished());
                schedule(current, 0);
                publishStatus();
                return status();
            });
        });
    }

    /** Stops publishing after the slice in progress, if any; completes with the status. */
    public Uni<FeedStatus> stop() {
        return executor.submit(() -> {
            halt();
            return Uni.createFrom().item(status());
        });
    }

    void onShutdown(@Observes ShutdownEvent event) {
        halt();
    }

    private void halt() {
        boolean wasRunning = running;
        if (wasRunning) {
            Log.infof("feed %s stopped after %s", feed.type(), state.lastSliceTime());
        }
        running = false;
        if (feed instanceof LiveFeed live) {
            live.disconnect();
        }
        generation.incrementAndGet();
        long timer = timerId;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (wasRunning) {
            publishStatus();
        }
    }

    /** A {@code feed-status} alert with the status now. */
    private void publishStatus() {
        alerts.publish(AlertEvents.feedStatus(status(), clock.instant()));
    }

    /**
     * Applies a created or changed watchlist entry: a fresh, warmed-up instance when it is enabled, none otherwise.
     * Call it on the executor, in the task that committed the change.
     */
    public Uni<Void> applyEntry(WatchlistEntry entry) {
        if (!loaded) {
            return Uni.createFrom().voidItem(); // the next load reads the watchlist
        }
        if (!entry.enabled()) {
            runner.stop(entry.id());
            runningStrategies = runner.running().size();
            watchRunning();
            return Uni.createFrom().voidItem();
        }
        Running fresh = runner.start(entry);
        runningStrategies = runner.running().size();
        watchRunning();
        return warmUp(fresh.instrument(), List.of(fresh), null);
    }

    /** Applies a deleted watchlist entry. Call it on the executor, in the task that committed the deletion. */
    public void removeEntry(long watchlistId) {
        runner.stop(watchlistId);
        runningStrategies = runner.running().size();
        watchRunning();
    }

    /** Tells a live feed the instruments the running strategies need (it subscribes and unsubscribes). */
    private void watchRunning() {
        if (feed instanceof LiveFeed live) {
            live.watch(runner.running().stream().map(Running::instrument).distinct().toList());
        }
    }

    /** Reads the position and the watchlist, and rebuilds the strategies from the stored bars. */
    private Uni<Void> load() {
        loaded = false;
        return stateStore.load(STATE_KEY, FeedState.class)
                .chain(saved -> {
                    state = saved.orElse(FeedState.initial(feed.type()));
                    feed.seekAfter(state.lastSliceTime());
                    ended = false;
                    return watchlist.findAll();
                })
                .chain(entries -> {
                    runner.clear();
                    Map<Instrument, List<Running>> fresh = new LinkedHashMap<>();
                    for (WatchlistEntry entry : entries) {
                        if (!entry.enabled()) {
                            continue;
                        }
                        try {
                            Running instance = runner.start(entry);
                            fresh.computeIfAbsent(instance.instrument(), key -> new ArrayList<>()).add(instance);
                        } catch (IllegalArgumentException e) {
                            Log.warnf("watchlist entry %d (%s on %s) is skipped: %s", entry.id(), entry.strategy(),
                                    entry.symbol(), e.getMessage());
                        }
                    }
                    runningStrategies = runner.running().size();
                    watchRunning();
                    Uni<Void> warm = Uni.createFrom().voidItem();
                    for (Map.Entry<Instrument, List<Running>> group : fresh.entrySet()) {
                        warm = warm.chain(() -> warmUp(group.getKey(), group.getValue(), null));
                    }
                    return warm;
                })
                .invoke(() -> loaded = true);
    }

    /** Feeds the stored bars of {@code instrument} after {@code after} to {@code instances}, page by page. */
    private Uni<Void> warmUp(Instrument instrument, List<Running> instances, Instant after) {
        return bars.findAfter(instrument, after, WARM_UP_PAGE).chain(page -> {
            StrategyRunner.warmUp(instances, page);
            if (page.size() < WARM_UP_PAGE) {
                return Uni.createFrom().voidItem();
            }
            return warmUp(instrument, instances, page.get(page.size() - 1).openTime());
        });
    }

    private void schedule(long forGeneration, long delayMillis) {
        if (delayMillis <= 0) {
            context.runOnContext(ignored -> tick(forGeneration));
        } else {
            timerId = vertx.setTimer(delayMillis, id -> tick(forGeneration));
        }
    }

    private void tick(long forGeneration) {
        executor.submit(() -> publishNext(forGeneration)).subscribe().with(
                next -> next.ifPresent(delay -> schedule(forGeneration, delay)),
                failure -> Log.errorf(failure, "the feed loop failed; it is stopped"));
    }

    /** Publishes one slice; the item is the delay before the next, or empty when the loop ends. */
    private Uni<Optional<Long>> publishNext(long forGeneration) {
        if (!running || forGeneration != generation.get()) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (!loaded) {
            return load().replaceWith(Optional.of(0L)).onFailure().recoverWithItem(failure -> {
                Log.warnf("reloading the feed state failed (%s); retrying in %s", failure.toString(),
                        config.retryDelay());
                return Optional.of(config.retryDelay().toMillis());
            });
        }
        Optional<TimeSlice> next = feed.next();
        if (next.isEmpty() && feed instanceof LiveFeed live) {
            return Uni.createFrom().item(Optional.of(live.pollInterval().toMillis())); // none closed yet: ask again
        }
        if (next.isEmpty()) {
            running = false;
            ended = true;
            Log.infof("feed %s ended after %d slices (last %s); a slice's transaction took %.1f ms on average",
                    feed.type(), state.slicesPublished(), state.lastSliceTime(),
                    commitTimer.mean(TimeUnit.MILLISECONDS));
            publishStatus();
            return Uni.createFrom().item(Optional.empty());
        }
        TimeSlice slice = next.get();
        Instant emittedAt = clock.instant();
        List<EmittedSignal> emitted = runner.onSlice(slice).stream()
                .map(e -> new EmittedSignal(e.watchlistId(), e.timeframe(), stamp(e.signal(), emittedAt)))
                .toList();
        List<Signal> published = emitted.stream().map(EmittedSignal::signal).toList();
        Instant previous = state.lastSliceTime();
        FeedState after = state.after(feed.type(), slice, feed.position());
        long started = System.nanoTime();
        return messaging.commit(CONSUMER, List.of(), connection -> bars.insert(connection, slice.bars())
                        .chain(() -> signals.insert(connection, emitted))
                        .chain(() -> stateStore.save(connection, STATE_KEY, after))
                        .map(ignored -> SliceMessages.of(slice, published, previous)))
                .map(ignored -> {
                    state = after;
                    commitTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    slicesCounter.increment();
                    barsCounter.increment(slice.bars().size());
                    signalsCounter.increment(published.size());
                    published.forEach(signal -> alerts.publish(AlertEvents.signal(signal)));
                    return Optional.of(pacer.delayAfterSlice(System.nanoTime()));
                })
                .onFailure().recoverWithItem(failure -> {
                    // The strategies and the feed have moved past what was committed: rebuild them before retrying.
                    loaded = false;
                    failedCommits.incrementAndGet();
                    failuresCounter.increment();
                    Log.warnf(failure, "committing the slice at %s failed; retrying in %s", slice.time(),
                            config.retryDelay());
                    return Optional.of(config.retryDelay().toMillis());
                });
    }

    /** The signal with its publication time set. */
    static Signal stamp(Signal signal, Instant emittedAt) {
        return new Signal(signal.id(), signal.strategy(), signal.symbol(), signal.type(), signal.strength(),
                signal.barTime(), signal.price(), emittedAt, signal.atr());
    }
}
