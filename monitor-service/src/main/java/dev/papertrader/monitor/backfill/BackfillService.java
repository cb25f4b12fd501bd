package dev.papertrader.monitor.backfill;

import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.data.CsvBars;
import dev.papertrader.core.data.Dataset;
import dev.papertrader.core.data.Timeframes;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.performance.ForwardReturns;
import dev.papertrader.core.strategy.StrategyFactory;
import dev.papertrader.core.strategy.StrategyParameters;
import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.core.strategy.TradingStrategy;
import dev.papertrader.monitor.feed.Instrument;
import dev.papertrader.monitor.feed.binance.BinanceConfig;
import dev.papertrader.monitor.feed.binance.BinanceFeedProvider;
import dev.papertrader.monitor.feed.binance.BinanceKline;
import dev.papertrader.monitor.feed.binance.BinanceRestClient;
import dev.papertrader.monitor.feed.binance.BinanceRestClient.RateLimitedException;
import dev.papertrader.monitor.repository.BarRepository;
import dev.papertrader.monitor.repository.WatchlistRepository;
import dev.papertrader.service.rest.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backfill: loads the historical bars of a symbol into {@code bars}, runs strategies over them and reports how their
 * signals fared ({@link BackfillReport}), so a strategy can be judged before it is turned on.
 *
 * <p>Steps of a job ({@code backfill_jobs}): <b>loading</b>, page by page (1000 bars), each page stored with
 * {@code on conflict do nothing} (bars already there, live or from an earlier backfill, stay as they are) in one
 * transaction with the job's resume point ({@code loaded_through}); then <b>evaluating</b>: fresh instances of the
 * strategies see the stored bars of the range, oldest first; their signals go to {@code backfill_signals} (never to
 * {@code signals}, never published on {@code trading.signals}) with the report, in one transaction: <b>done</b>.
 *
 * <p>Resumable: the job id is derived from the request, so asking again for the same backfill returns the job, and
 * resumes it from {@code loaded_through} unless it is done; unfinished jobs also resume when the monitor starts.
 * Binance 429/418 answers are waited out per Retry-After; any other failure marks the job failed with the reason
 * (asking again retries from the resume point).
 *
 * <p>Sources: {@code binance} (REST klines; only klines closed at the time of the request), {@code csv:PATH}
 * (trading-core's CsvBars format, relabelled to the symbol and timeframe), {@code bundled:NAME} (a bundled data set
 * of that timeframe, relabelled to the symbol). Ranges are [from, to).
 */
@ApplicationScoped
public class BackfillService {

    /** Bars stored per transaction. */
    static final int PAGE = BinanceRestClient.MAX_LIMIT;
    /** The longest backfill, in bars. */
    static final long MAX_BARS = 2_000_000;
    private static final Set<String> BINANCE_INTERVALS = Set.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h",
            "6h", "8h", "12h", "1d", "3d");

    private final BackfillRepository jobs;
    private final BarRepository bars;
    private final WatchlistRepository watchlist;
    private final StrategyRegistry registry;
    private final Pool pool;
    private final BinanceFeedProvider binance;
    private final BinanceConfig binanceConfig;
    private final Clock clock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public BackfillService(BackfillRepository jobs, BarRepository bars, WatchlistRepository watchlist,
            StrategyRegistry registry, Pool pool, BinanceFeedProvider binance, BinanceConfig binanceConfig, Clock clock) {
        this.jobs = jobs;
        this.bars = bars;
        this.watchlist = watchlist;
        this.registry = registry;
        this.pool = pool;
        this.binance = binance;
        this.binanceConfig = binanceConfig;
        this.clock = clock;
    }

    void resumeUnfinished(@Observes StartupEvent event) {
        jobs.unfinished().subscribe().with(ids -> ids.forEach(id -> jobs.find(id).subscribe().with(
                job -> job.ifPresent(this::launch), failure -> Log.warnf("backfill %s not resumed: %s", id, failure))),
                failure -> Log.warnf("unfinished backfills not read: %s", failure.toString()));
    }

    /**
     * Starts (or resumes, or just returns when done) the backfill of {@code spec}; with no strategy given, those of
     * the watchlist's entries on the symbol (with their parameters), or else every registered one with defaults.
     *
     * @throws ProblemException (as the failure) 400 naming the field at fault
     */
    public Uni<BackfillJob> start(BackfillSpec requested) {
        Uni<List<StrategySpec>> strategies = requested.strategies().isEmpty()
                ? watchlist.findAll().map(entries -> {
                    List<StrategySpec> found = entries.stream()
                            .filter(entry -> entry.symbol().equalsIgnoreCase(requested.symbol()))
                            .map(entry -> new StrategySpec(entry.strategy(), entry.parameters())).toList();
                    return found.isEmpty() ? registry.all().stream().map(f -> StrategySpec.of(f.name())).toList() : found;
                })
                : Uni.createFrom().item(requested.strategies());
        return strategies.map(chosen -> validated(new BackfillSpec(requested.symbol(), requested.timeframe(),
                        requested.from(), requested.to(), requested.source(), chosen)))
                .chain(spec -> jobs.insertIfAbsent(spec, expectedBars(spec)))
                .invoke(this::launch);
    }

    public Uni<java.util.Optional<BackfillJob>> find(String id) {
        return jobs.find(id);
    }

    public Uni<List<BackfillJob>> latest(int limit) {
        return jobs.latest(limit);
    }

    /** The spec with its symbol upper-cased and timeframe normalized, or a 400 problem. */
    BackfillSpec validated(BackfillSpec spec) {
        if (spec.symbol() == null || spec.symbol().isBlank()) {
            throw ProblemException.badRequest("symbol", "is required");
        }
        String timeframe;
        try {
            timeframe = Instrument.normalizeTimeframe(spec.timeframe());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("interval", e.getMessage());
        }
        if (spec.from() == null || spec.to() == null || !spec.from().isBefore(spec.to())) {
            throw ProblemException.badRequest("to", "the range needs from before to");
        }
        String source = spec.source() == null ? "" : spec.source().strip();
        if (source.equalsIgnoreCase("binance")) {
            source = "binance";
            if (!BINANCE_INTERVALS.contains(timeframe)) {
                throw ProblemException.badRequest("interval", "Binance has no " + timeframe + " klines; use one of "
                        + BINANCE_INTERVALS);
            }
        } else if (!source.startsWith("csv:") && !source.startsWith("bundled:")) {
            throw ProblemException.badRequest("source", "must be binance, csv:FILE or bundled:NAME, was '" + source + "'");
        }
        Set<String> names = new java.util.HashSet<>();
        List<StrategySpec> strategies = new ArrayList<>();
        for (StrategySpec strategy : spec.strategies()) {
            StrategyFactory factory = registry.find(strategy.name().strip()).orElseThrow(() -> ProblemException.badRequest(
                    "strategies", "unknown strategy '" + strategy.name() + "'"));
            if (!names.add(factory.name())) {
                throw ProblemException.badRequest("strategies", factory.name() + " is named twice");
            }
            try {
                registry.create(factory.name(), spec.symbol(), StrategyParameters.of(strategy.parameters()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("strategies", factory.name() + ": " + e.getMessage());
            }
            strategies.add(new StrategySpec(factory.name(), strategy.parameters()));
        }
        BackfillSpec checked = new BackfillSpec(spec.symbol().strip().toUpperCase(Locale.ROOT), timeframe, spec.from(),
                spec.to(), source, strategies);
        if (expectedBars(checked) > MAX_BARS) {
            throw ProblemException.badRequest("from", "the range holds more than " + MAX_BARS + " bars");
        }
        return checked;
    }

    /** Bars the range can hold: ⌈(to − from) / timeframe⌉. */
    static long expectedBars(BackfillSpec spec) {
        Duration step = Timeframes.parse(spec.timeframe());
        Duration span = Duration.between(spec.from(), spec.to());
        long whole = span.dividedBy(step);
        return step.multipliedBy(whole).equals(span) ? whole : whole + 1;
    }

    private void launch(BackfillJob job) {
        if (BackfillJob.DONE.equals(job.status()) || !running.add(job.id())) {
            return;
        }
        Uni<Void> resume = BackfillJob.FAILED.equals(job.status())
                ? jobs.status(job.id(), BackfillJob.LOADING, null) : Uni.createFrom().voidItem();
        resume.chain(() -> run(job))
                .onFailure().call(failure -> {
                    Log.warnf("backfill %s failed: %s", job.id(), failure.toString());
                    return jobs.status(job.id(), BackfillJob.FAILED, failure.getMessage() == null ? failure.toString()
                            : failure.getMessage());
                })
                .onTermination().invoke(() -> running.remove(job.id()))
                .subscribe().with(ignored -> Log.infof("backfill %s of %s %s done", job.id(), job.spec().symbol(),
                        job.spec().timeframe()), failure -> {
                        });
    }

    private Uni<Void> run(BackfillJob job) {
        BackfillSpec spec = job.spec();
        Source source = source(spec);
        Uni<Void> loading = BackfillJob.EVALUATING.equals(job.status()) ? Uni.createFrom().voidItem()
                : load(job.id(), source, job.loadedThrough()).chain(() -> jobs.status(job.id(), BackfillJob.EVALUATING,
                        null));
        return loading.chain(() -> storedBars(spec, null, new ArrayList<>()))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(history -> evaluate(spec, history))
                .chain(result -> jobs.finish(job.id(), spec.timeframe(), result.signals(), result.report()));
    }

    /** Stores the source's bars after {@code after}, page by page, each page with the resume point. */
    private Uni<Void> load(String id, Source source, Instant after) {
        return source.pageAfter(after, PAGE).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Instant last = page.get(page.size() - 1).openTime();
            return pool.withTransaction(connection -> bars.insert(connection, page)
                            .chain(() -> jobs.loaded(connection, id, last, page.size())))
                    .chain(() -> load(id, source, last));
        });
    }

    /** The stored bars of the spec's range, oldest first. */
    private Uni<List<Bar>> storedBars(BackfillSpec spec, Instant after, List<Bar> collected) {
        Instrument instrument = new Instrument(spec.symbol(), spec.timeframe());
        Instant from = after != null ? after : spec.from().minusMillis(1);
        return bars.findAfter(instrument, from, 5000).chain(page -> {
            for (Bar bar : page) {
                if (!bar.openTime().isBefore(spec.to())) {
                    return Uni.createFrom().item(collected);
                }
                collected.add(bar);
            }
            return page.size() < 5000 ? Uni.createFrom().item(collected)
                    : storedBars(spec, page.get(page.size() - 1).openTime(), collected);
        });
    }

    record Evaluation(List<Signal> signals, BackfillReport report) {
    }

    /** Runs fresh instances of the spec's strategies over {@code history} and scores their signals. */
    Evaluation evaluate(BackfillSpec spec, List<Bar> history) {
        List<Signal> signals = new ArrayList<>();
        List<TradingStrategy> instances = spec.strategies().stream()
                .map(s -> registry.create(s.name(), spec.symbol(), StrategyParameters.of(s.parameters()))).toList();
        for (Bar bar : history) {
            for (TradingStrategy instance : instances) {
                for (Signal signal : instance.onBar(bar)) {
                    // emittedAt is the bar time: a backfill signal was never published
                    signals.add(new Signal(signal.id(), signal.strategy(), signal.symbol(), signal.type(),
                            signal.strength(), signal.barTime(), signal.price(), signal.barTime(), signal.atr()));
                }
            }
        }
        List<ForwardReturns.StrategyStats> stats = ForwardReturns.compute(history, signals,
                ForwardReturns.DEFAULT_HORIZONS);
        List<BackfillReport.StrategyReport> lines = new ArrayList<>();
        for (StrategySpec strategy : spec.strategies()) {
            Map<String, String> parameters = StrategyParameters.of(strategy.parameters())
                    .withDefaults(registry.find(strategy.name()).orElseThrow().defaultParameters()).values();
            ForwardReturns.StrategyStats line = stats.stream().filter(s -> s.strategy().equals(strategy.name()))
                    .findFirst().orElse(new ForwardReturns.StrategyStats(strategy.name(), 0, 0, 0,
                            ForwardReturns.DEFAULT_HORIZONS.stream()
                                    .map(n -> new ForwardReturns.Horizon(n, 0, 0, 0, 0)).toList()));
            lines.add(new BackfillReport.StrategyReport(strategy.name(), parameters, line.signals(), line.buys(),
                    line.sells(), line.horizons()));
        }
        return new Evaluation(signals, new BackfillReport(spec.symbol(), spec.timeframe(), spec.from(), spec.to(),
                spec.source(), history.size(), lines));
    }

    /** Where bars come from: pages of bars opening after a time (null: from the start of the range). */
    interface Source {
        Uni<List<Bar>> pageAfter(Instant after, int size);
    }

    private Source source(BackfillSpec spec) {
        if (spec.source().equals("binance")) {
            return binanceSource(spec);
        }
        List<Bar> all;
        if (spec.source().startsWith("bundled:")) {
            String name = spec.source().substring("bundled:".length()).strip();
            Dataset dataset = BundledData.load(name);
            if (!Instrument.normalizeTimeframe(dataset.timeframe()).equals(spec.timeframe())) {
                throw new IllegalArgumentException("bundled data set " + name + " has " + dataset.timeframe()
                        + " bars, not " + spec.timeframe());
            }
            all = dataset.bars();
        } else {
            Path path = Path.of(spec.source().substring("csv:".length()).strip());
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                all = CsvBars.read(reader, spec.symbol(), spec.timeframe());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + path + ": " + e, e);
            }
        }
        List<Bar> inRange = all.stream().filter(b -> !b.openTime().isBefore(spec.from()) && b.openTime().isBefore(spec.to()))
                .map(b -> new Bar(spec.symbol(), spec.timeframe(), b.openTime(), b.open(), b.high(), b.low(), b.close(),
                        b.volume()))
                .toList();
        return (after, size) -> Uni.createFrom().item(inRange.stream()
                .filter(b -> after == null || b.openTime().isAfter(after)).limit(size).toList());
    }

    private Source binanceSource(BackfillSpec spec) {
        BinanceRestClient rest = binance.restClient(binanceConfig.restUrl());
        Duration step = Timeframes.parse(spec.timeframe());
        return new Source() {
            @Override
            public Uni<List<Bar>> pageAfter(Instant after, int size) {
                Instant start = after == null ? spec.from() : after.plus(step);
                if (!start.isBefore(spec.to())) {
                    return Uni.createFrom().item(List.of());
                }
                Instant requestedAt = clock.instant();
                return rest.klines(spec.symbol(), spec.timeframe(), start, spec.to().minusMillis(1), size)
                        .map(klines -> {
                            List<Bar> page = new ArrayList<>(klines.size());
                            for (BinanceKline kline : klines) {
                                if (kline.closeTime().isBefore(requestedAt)) { // the open kline of now is not a bar yet
                                    page.add(kline.toBar(spec.timeframe()));
                                }
                            }
                            return page;
                        })
                        .onFailure(RateLimitedException.class).recoverWithUni(failure -> {
                            Duration wait = ((RateLimitedException) failure).retryAfter();
                            Log.warnf("backfill: %s; waiting", failure.getMessage());
                            return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                                    .chain(() -> pageAfter(after, size));
                        });
            }
        };
    }
}
