package dev.papertrader.monitor.feed.binance;

import dev.papertrader.core.data.Timeframes;
import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.feed.FeedHealth;
import dev.papertrader.monitor.feed.FeedStatusEvent;
import dev.papertrader.monitor.feed.Instrument;
import dev.papertrader.monitor.feed.LiveFeed;
import dev.papertrader.monitor.feed.TimeSlice;
import dev.papertrader.monitor.feed.binance.BinanceMessages.Control;
import dev.papertrader.monitor.feed.binance.BinanceMessages.KlineEvent;
import dev.papertrader.monitor.feed.binance.BinanceMessages.Malformed;
import dev.papertrader.monitor.feed.binance.BinanceRestClient.RateLimitedException;
import dev.papertrader.monitor.feed.live.Backoff;
import dev.papertrader.monitor.feed.live.LiveBarAssembler;
import dev.papertrader.monitor.feed.live.LiveBarAssembler.Gap;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Binance's public kline streams as the monitor's live feed.
 *
 * <p>Connection: {@code <ws-url>/ws}, then one {@code SUBSCRIBE} of {@code <symbol>@kline_<interval>} for every
 * watched symbol; watchlist changes send {@code SUBSCRIBE}/{@code UNSUBSCRIBE} on the open connection. Binance pings
 * every 20 s and drops clients that do not answer within a minute: Vert.x answers each ping with a pong carrying its
 * payload. A connection that closes, fails, or stays silent (no message or ping) for {@code idle-timeout} is reopened
 * after a {@link Backoff} delay (exponential, jittered, seeded), reset once a connection opens.
 *
 * <p>Bars: only closed klines ({@code k.x} true) of the configured interval become bars; open-kline updates only
 * refresh the health (lag, last frame). Malformed frames are counted and dropped, the connection stays. Arrival order,
 * duplicates, gaps and slice release are the {@link LiveBarAssembler}'s: a gap (after a reconnect, an out-of-order
 * frame, a restart of the monitor, or the warm-up history of a first start) is fetched from
 * {@code GET /api/v3/klines} and its bars are released, in order, before the live bars after it. A 429/418 answer is
 * waited out per its {@code Retry-After}; other failures are retried with the backoff, up to
 * {@code recovery-attempts}, then the gap is given up (counted, logged).
 *
 * <p>Thread-safety: every method and callback holds the feed's lock.
 */
public final class BinanceFeed implements LiveFeed {

    /** What the feed needs from the configuration (tests make their own). */
    public record Settings(String wsUrl, List<String> symbols, String interval, int historyBars, int maxRecoveryBars,
            Duration sliceGrace, Duration idleTimeout, Duration reconnectInitial, Duration reconnectMax,
            double reconnectJitter, long jitterSeed, int recoveryAttempts, Duration pollInterval) {

        public Settings {
            symbols = symbols.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                    .distinct().toList();
            Timeframes.parse(interval);
            if (maxRecoveryBars < 1 || maxRecoveryBars > BinanceRestClient.MAX_LIMIT) {
                throw new IllegalArgumentException("papertrader.monitor.binance.max-recovery-bars must be 1.."
                        + BinanceRestClient.MAX_LIMIT + ", was " + maxRecoveryBars);
            }
            if (historyBars < 0 || historyBars > maxRecoveryBars) {
                throw new IllegalArgumentException("papertrader.monitor.binance.history-bars must be 0..max-recovery-bars,"
                        + " was " + historyBars);
            }
            if (recoveryAttempts < 1) {
                throw new IllegalArgumentException("papertrader.monitor.binance.recovery-attempts must be at least 1");
            }
        }

        public static Settings of(BinanceConfig config) {
            return new Settings(config.wsUrl(), config.symbols(), config.interval(), config.historyBars(),
                    config.maxRecoveryBars(), config.sliceGrace(), config.idleTimeout(), config.reconnectInitial(),
                    config.reconnectMax(), config.reconnectJitter(), config.jitterSeed(), config.recoveryAttempts(),
                    config.pollInterval());
        }
    }

    private final Settings settings;
    private final String timeframe;
    private final Duration step;
    private final BinanceRestClient rest;
    private final Supplier<BasicWebSocketConnector> connectors;
    private final Vertx vertx;
    private final Clock clock;
    private final Consumer<FeedStatusEvent> events;
    private final LiveBarAssembler assembler;
    private final Backoff backoff;

    // Guarded by this.
    private List<Instrument> watched;
    private final Set<String> subscribed = new LinkedHashSet<>();
    private boolean enabled;
    private long generation;
    private WebSocketClientConnection connection;
    private boolean connecting;
    private int failedAttempts;
    private long reconnectTimer = -1;
    private long idleTimer = -1;
    private long requestId;
    private boolean everConnected;
    private Instant lastBarTime;
    private Instant lastFrameAt;
    private Long lagMillis;
    private Instant disconnectedSince;
    private long reconnects;
    private long duplicates;
    private long late;
    private long malformed;
    private long recoveredBars;
    private long abandonedBars;
    private long rateLimited;
    private String lastError;

    public BinanceFeed(Settings settings, BinanceRestClient rest, Supplier<BasicWebSocketConnector> connectors,
            Vertx vertx, Clock clock, Consumer<FeedStatusEvent> events) {
        this.settings = settings;
        this.timeframe = Instrument.normalizeTimeframe(settings.interval());
        this.step = Timeframes.parse(timeframe);
        this.rest = rest;
        this.connectors = connectors;
        this.vertx = vertx;
        this.clock = clock;
        this.events = events;
        this.assembler = new LiveBarAssembler(step, settings.sliceGrace(), settings.maxRecoveryBars(),
                settings.historyBars());
        this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax(), settings.reconnectJitter(),
                new Random(settings.jitterSeed())::nextDouble);
        this.watched = settings.symbols().stream().map(symbol -> new Instrument(symbol, timeframe)).toList();
        assembler.watch(settings.symbols());
    }

    @Override
    public String type() {
        return "binance";
    }

    @Override
    public synchronized List<Instrument> instruments() {
        return watched;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public synchronized void seekAfter(Instant lastPublished) {
        assembler.reset(lastPublished).forEach(gap -> recover(gap, 0));
    }

    @Override
    public synchronized Optional<TimeSlice> next() {
        return assembler.poll(clock.instant());
    }

    @Override
    public Position position() {
        return new Position(0, 0);
    }

    /** The configured symbols, then the watchlist's of this feed's interval, in that order, each once. */
    @Override
    public synchronized void watch(List<Instrument> instruments) {
        Set<String> symbols = new LinkedHashSet<>(settings.symbols());
        for (Instrument instrument : instruments) {
            if (instrument.timeframe().equals(timeframe)) {
                symbols.add(instrument.symbol().toUpperCase(Locale.ROOT));
            } else {
                Log.debugf("binance feed (%s) does not serve %s at %s", timeframe, instrument.symbol(),
                        instrument.timeframe());
            }
        }
        watched = symbols.stream().map(symbol -> new Instrument(symbol, timeframe)).toList();
        assembler.watch(List.copyOf(symbols));
        if (connection != null && connection.isOpen()) {
            updateSubscriptions(connection);
        } else {
            openIfNeeded();
        }
    }

    @Override
    public synchronized void connect() {
        enabled = true;
        openIfNeeded();
    }

    @Override
    public synchronized void disconnect() {
        enabled = false;
        generation++;
        cancelTimers();
        if (connection != null) {
            WebSocketClientConnection closing = connection;
            connection = null;
            closing.close().subscribe().with(ignored -> {
            }, failure -> Log.debugf("closing the binance connection: %s", failure.toString()));
        }
        subscribed.clear();
        connecting = false;
    }

    @Override
    public synchronized FeedHealth health() {
        Instant now = clock.instant();
        return new FeedHealth(type(), connection != null && connection.isOpen(), List.copyOf(subscribed), lastBarTime,
                lastFrameAt, lagMillis, connection == null ? (disconnectedSince == null && enabled ? now : disconnectedSince)
                        : null, reconnects, duplicates, late, malformed, recoveredBars, abandonedBars, rateLimited,
                assembler.recovering(), lastError);
    }

    private void openIfNeeded() {
        if (!enabled || connection != null || connecting || watched.isEmpty()) {
            return;
        }
        connecting = true;
        long current = ++generation;
        Log.infof("binance feed connecting to %s/ws for %s", settings.wsUrl(), symbols());
        // On the event loop: frames are handled one at a time in arrival order (the default runs them on workers).
        connectors.get().executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .baseUri(settings.wsUrl()).path("/ws")
                .onTextMessage((c, text) -> onFrame(current, text))
                .onPing((c, payload) -> onPing(current))
                .onClose((c, reason) -> onClosed(current, "closed (" + reason.getCode() + " " + reason.getMessage() + ")"))
                .onError((c, failure) -> Log.debugf("binance connection error: %s", failure.toString()))
                .connect()
                .subscribe().with(opened -> onOpened(current, opened), failure -> onClosed(current,
                        "connect failed: " + failure));
    }

    private List<String> symbols() {
        return watched.stream().map(Instrument::symbol).toList();
    }

    private synchronized void onOpened(long forGeneration, WebSocketClientConnection opened) {
        if (forGeneration != generation) {
            opened.close().subscribe().with(ignored -> {
            }, ignored -> {
            });
            return;
        }
        connecting = false;
        connection = opened;
        failedAttempts = 0;
        if (everConnected) {
            reconnects++;
        }
        everConnected = true;
        disconnectedSince = null;
        lastFrameAt = clock.instant();
        subscribed.clear();
        updateSubscriptions(opened);
        long checkEvery = Math.max(100, settings.idleTimeout().toMillis() / 4);
        idleTimer = vertx.setPeriodic(checkEvery, id -> checkIdle(forGeneration));
        publish("connected", "subscribed " + subscribed);
    }

    private void updateSubscriptions(WebSocketClientConnection open) {
        List<String> wanted = symbols();
        List<String> add = new ArrayList<>();
        for (String symbol : wanted) {
            if (!subscribed.contains(symbol)) {
                add.add(symbol);
            }
        }
        List<String> remove = subscribed.stream().filter(symbol -> !wanted.contains(symbol)).toList();
        if (!add.isEmpty()) {
            send(open, "SUBSCRIBE", add);
            subscribed.addAll(add);
        }
        if (!remove.isEmpty()) {
            send(open, "UNSUBSCRIBE", remove);
            remove.forEach(subscribed::remove);
        }
    }

    private void send(WebSocketClientConnection open, String method, List<String> symbols) {
        String request = BinanceMessages.request(method, symbols.stream()
                .map(symbol -> BinanceMessages.klineStream(symbol, settings.interval())).toList(), ++requestId);
        open.sendText(request).subscribe().with(ignored -> {
        }, failure -> Log.warnf("binance %s failed: %s", method, failure.toString()));
    }

    private synchronized void onPing(long forGeneration) {
        if (forGeneration == generation) {
            lastFrameAt = clock.instant();
        }
    }

    private synchronized void checkIdle(long forGeneration) {
        if (forGeneration != generation || connection == null) {
            return;
        }
        if (Duration.between(lastFrameAt, clock.instant()).compareTo(settings.idleTimeout()) > 0) {
            Log.warnf("binance connection silent for over %s: reconnecting", settings.idleTimeout());
            WebSocketClientConnection silent = connection;
            onClosed(forGeneration, "silent for over " + settings.idleTimeout());
            silent.close().subscribe().with(ignored -> {
            }, ignored -> {
            });
        }
    }

    private synchronized void onClosed(long forGeneration, String why) {
        if (forGeneration != generation) {
            return;
        }
        generation++;
        cancelTimers();
        boolean wasOpen = connection != null;
        connection = null;
        connecting = false;
        subscribed.clear();
        if (disconnectedSince == null) {
            disconnectedSince = clock.instant();
        }
        lastError = why;
        if (!enabled) {
            return;
        }
        Duration delay = backoff.delay(failedAttempts++);
        Log.warnf("binance connection %s; reconnecting in %d ms", why, delay.toMillis());
        if (wasOpen) {
            publish("disconnected", why + "; reconnecting in " + delay.toMillis() + " ms");
        }
        reconnectTimer = vertx.setTimer(delay.toMillis(), id -> reopen());
    }

    private synchronized void reopen() {
        reconnectTimer = -1;
        openIfNeeded();
    }

    private void cancelTimers() {
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    private synchronized void onFrame(long forGeneration, String text) {
        if (forGeneration != generation) {
            return;
        }
        Instant now = clock.instant();
        lastFrameAt = now;
        switch (BinanceMessages.parseFrame(text)) {
            case Malformed bad -> {
                malformed++;
                Log.debugf("binance frame dropped: %s", bad.reason());
            }
            case Control control -> Log.debugf("binance control message %s", control.text());
            case KlineEvent event -> onKline(event.kline(), now);
        }
    }

    private void onKline(BinanceKline kline, Instant now) {
        if (kline.eventTime() != null) {
            lagMillis = Duration.between(kline.eventTime(), now).toMillis();
        }
        if (!kline.closed() || !kline.interval().equals(settings.interval())) {
            return;
        }
        Bar bar;
        try {
            bar = kline.toBar(timeframe);
        } catch (IllegalArgumentException e) {
            malformed++;
            Log.debugf("binance kline dropped: %s", e.getMessage());
            return;
        }
        if (lastBarTime == null || bar.openTime().isAfter(lastBarTime)) {
            lastBarTime = bar.openTime();
        }
        LiveBarAssembler.Acceptance acceptance = assembler.accept(bar, now);
        switch (acceptance.arrival()) {
            case DUPLICATE -> duplicates++;
            case LATE -> late++;
            default -> {
            }
        }
        acceptance.gap().ifPresent(gap -> recover(gap, 0));
    }

    /** Fetches {@code gap}; on failure retries (rate limits per Retry-After), then gives it up. */
    private void recover(Gap gap, int attempt) {
        if (attempt == 0) {
            publish("recovering", gap.symbol() + " " + gap.from() + " to " + gap.to() + " (" + gap.bars(step)
                    + " bars)");
        }
        Instant endOfLast = gap.to().plus(step).minusMillis(1);
        rest.klines(gap.symbol(), settings.interval(), gap.from(), endOfLast, (int) gap.bars(step))
                .subscribe().with(klines -> onRecovered(gap, klines), failure -> onRecoveryFailed(gap, attempt, failure));
    }

    private synchronized void onRecovered(Gap gap, List<BinanceKline> klines) {
        List<Bar> bars = new ArrayList<>(klines.size());
        for (BinanceKline kline : klines) {
            try {
                bars.add(kline.toBar(timeframe));
            } catch (IllegalArgumentException e) {
                malformed++;
            }
        }
        recoveredBars += bars.size();
        publish("recovered", gap.symbol() + " " + bars.size() + " bars from " + gap.from() + " to " + gap.to());
        assembler.recovered(gap, bars, clock.instant()).ifPresent(next -> recover(next, 0));
    }

    private synchronized void onRecoveryFailed(Gap gap, int attempt, Throwable failure) {
        lastError = failure.toString();
        Duration delay;
        int nextAttempt = attempt;
        if (failure instanceof RateLimitedException limited) {
            rateLimited++;
            delay = limited.retryAfter();
            publish("rate-limited", failure.getMessage());
        } else {
            nextAttempt = attempt + 1;
            if (nextAttempt >= settings.recoveryAttempts()) {
                abandonedBars += gap.bars(step);
                Log.errorf("binance: giving up the bars of %s from %s to %s after %d tries: %s", gap.symbol(),
                        gap.from(), gap.to(), nextAttempt, failure.toString());
                publish("abandoned", gap.symbol() + " " + gap.from() + " to " + gap.to() + ": " + failure);
                assembler.abandoned(gap).ifPresent(next -> recover(next, 0));
                return;
            }
            delay = backoff.delay(attempt);
        }
        Log.warnf("binance klines of %s failed (%s); retrying in %d ms", gap.symbol(), failure.toString(),
                delay.toMillis());
        int retry = nextAttempt;
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            synchronized (this) {
                recover(gap, retry);
            }
        });
    }

    private void publish(String state, String detail) {
        try {
            events.accept(new FeedStatusEvent(type(), state, detail, health(), clock.instant()));
        } catch (RuntimeException e) {
            Log.debugf("feed status event %s not delivered: %s", state, e.toString());
        }
    }
}
