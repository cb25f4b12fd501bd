package dev.papertrader.monitor.watchlist;

import dev.papertrader.monitor.config.MonitorConfig;
import dev.papertrader.monitor.feed.FeedService;
import dev.papertrader.monitor.feed.Instrument;
import dev.papertrader.monitor.repository.WatchlistRepository;
import dev.papertrader.service.engine.EngineStateStore;
import dev.papertrader.service.engine.SerialExecutor;
import dev.papertrader.service.rest.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes to the watchlist: each is validated ({@link WatchlistValidator}), committed, and applied to the running
 * strategies in one task of the serial executor, so no slice runs between the commit and the change.
 *
 * <p>Seeding: on the monitor's first start (no seed recorded in {@code engine_state}) the watchlist gets one entry per
 * feed symbol and seed strategy ({@code papertrader.monitor.watchlist.seed-strategies}, with
 * {@code seed-parameters}), symbol by symbol in the feed's order, strategies in the configured order. It is recorded,
 * so a watchlist emptied on purpose stays empty.
 */
@ApplicationScoped
public class WatchlistService {

    /** The engine_state key recording that the watchlist was seeded. */
    public static final String SEEDED_KEY = "monitor.watchlist-seeded";

    /** What the seeding recorded. */
    public record Seeded(int entries) {
    }

    private final WatchlistRepository repository;
    private final WatchlistValidator validator;
    private final FeedService feed;
    private final SerialExecutor executor;
    private final EngineStateStore stateStore;
    private final Pool pool;
    private final MonitorConfig.Watchlist config;

    public WatchlistService(WatchlistRepository repository, WatchlistValidator validator, FeedService feed,
            SerialExecutor executor, EngineStateStore stateStore, Pool pool, MonitorConfig config) {
        this.repository = repository;
        this.validator = validator;
        this.feed = feed;
        this.executor = executor;
        this.stateStore = stateStore;
        this.pool = pool;
        this.config = config.watchlist();
    }

    public Uni<List<WatchlistEntry>> list() {
        return repository.findAll();
    }

    /**
     * Adds an entry at the end of the watchlist.
     *
     * @throws ProblemException (as the failure) 400 for an invalid entry, 409 when its symbol already runs its strategy
     */
    public Uni<WatchlistEntry> add(WatchlistEntry requested) {
        WatchlistEntry entry = validator.validated(requested);
        return executor.submit(() -> repository.insert(pool, entry)
                .onFailure(WatchlistService::isUniqueViolation).transform(e -> ProblemException.conflict(
                        entry.symbol() + " already runs " + entry.strategy()
                                + " (a symbol runs a strategy once: signal ids do not tell two runs apart)"))
                .call(feed::applyEntry));
    }

    /**
     * Enables or disables entry {@code id} and/or replaces its parameters (a null argument keeps the current value);
     * changed parameters start a fresh, warmed-up instance.
     *
     * @throws ProblemException (as the failure) 404 for an unknown id, 400 for invalid parameters
     */
    public Uni<WatchlistEntry> update(long id, Boolean enabled, Map<String, String> parameters) {
        return executor.submit(() -> repository.findById(id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("no watchlist entry " + id)))
                .map(current -> validator.validated(new WatchlistEntry(id, current.symbol(), current.timeframe(),
                        current.strategy(), parameters == null ? current.parameters() : parameters,
                        enabled == null ? current.enabled() : enabled)))
                .chain(changed -> repository.update(changed))
                .map(updated -> updated.orElseThrow(() -> ProblemException.notFound("no watchlist entry " + id)))
                .call(feed::applyEntry));
    }

    /** Deletes entry {@code id}; its signals stay. @throws ProblemException (as the failure) 404 for an unknown id */
    public Uni<Void> delete(long id) {
        return executor.submit(() -> repository.delete(id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("no watchlist entry " + id);
            }
            feed.removeEntry(id);
            return null;
        }));
    }

    /** The parameters entry {@code entry} runs with, defaults included. */
    public Map<String, String> effectiveParameters(WatchlistEntry entry) {
        return validator.effectiveParameters(entry);
    }

    /**
     * Seeds the watchlist unless it was seeded before (see the class comment).
     *
     * @throws IllegalArgumentException naming the configuration key when a seed strategy or its parameters are
     *                                  invalid
     */
    public Uni<Void> seedIfFirstStart(List<Instrument> instruments) {
        List<WatchlistEntry> seeds = new ArrayList<>();
        for (Instrument instrument : instruments) {
            for (String strategy : config.seedStrategies()) {
                String name = strategy.strip();
                if (name.isEmpty() || name.equalsIgnoreCase("none")) {
                    continue;
                }
                WatchlistEntry seed = new WatchlistEntry(0, instrument.symbol(), instrument.timeframe(), name,
                        config.seedParameters().getOrDefault(name, Map.of()), true);
                try {
                    seeds.add(validator.validated(seed));
                } catch (ProblemException e) {
                    throw new IllegalArgumentException("papertrader.monitor.watchlist.seed-strategies / seed-parameters: "
                            + name + ": " + e.getMessage(), e);
                }
            }
        }
        return executor.submit(() -> pool.withTransaction(connection -> stateStore.load(connection, SEEDED_KEY, Seeded.class)
                .chain(seeded -> {
                    if (seeded.isPresent()) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> inserts = Uni.createFrom().voidItem();
                    for (WatchlistEntry seed : seeds) {
                        inserts = inserts.chain(() -> repository.insert(connection, seed).replaceWithVoid());
                    }
                    return inserts.chain(() -> stateStore.save(connection, SEEDED_KEY, new Seeded(seeds.size())))
                            .invoke(() -> Log.infof("watchlist seeded with %d entries", seeds.size()));
                })));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
