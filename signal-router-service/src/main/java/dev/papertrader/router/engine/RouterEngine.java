package dev.papertrader.router.engine;

import static dev.papertrader.core.model.Checks.required;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.RouterState;
import dev.papertrader.core.router.RouterState.DecidedSignal;
import dev.papertrader.core.router.RoutingResult;
import dev.papertrader.core.router.SignalRouter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The router service's state machine, with no I/O: one {@link SignalRouter} (one account) driven slice by slice
 * under the watermark protocol of docs/contracts.md.
 *
 * <ul>
 *   <li><b>Closing a slice.</b> Slice <i>t</i> is decided in one step ({@link #closeSlice}) against the account's
 *       snapshot as of <i>t</i>, once the order service has closed <i>t</i> ({@link #ordersReady}): every fill and
 *       status change that happened up to <i>t</i> has then been fed to {@link #onExecution}, so the open orders the
 *       router counts are the ones the backtest would count. Slices close in time order; a slice at or before the last
 *       closed one is {@linkplain #isClosed closed}.</li>
 *   <li><b>Decision time.</b> A signal decided when slice <i>t</i> closes gets decision time
 *       {@code max(barTime, t)}: the signals of <i>t</i> are decided at their bar time as in the backtest; a signal
 *       whose own bar had no watermark (from a process the monitor does not run) is decided at <i>t</i>, so its order
 *       fills from the next bar on, never in the past.</li>
 *   <li><b>Late signals.</b> A signal whose bar time is at or before the last closed slice
 *       ({@link #isLate}) is decided at once ({@link #decideLate}) against the last slice's snapshot, at the last
 *       closed slice's time: its order can only fill on a later bar.</li>
 * </ul>
 *
 * Not thread-safe: the service drives it from its serial executor.
 */
public final class RouterEngine {

    private final SignalRouter router;
    private Instant lastClosedSlice;
    private Instant ordersClosedThrough;
    private PortfolioSnapshot lastSnapshot;

    public RouterEngine(RouterConfig config, String accountId) {
        this(new SignalRouter(config, accountId), null, null, null);
    }

    private RouterEngine(SignalRouter router, Instant lastClosedSlice, Instant ordersClosedThrough,
            PortfolioSnapshot lastSnapshot) {
        this.router = router;
        this.lastClosedSlice = lastClosedSlice;
        this.ordersClosedThrough = ordersClosedThrough;
        this.lastSnapshot = lastSnapshot;
    }

    /** An engine that continues exactly from {@code state} (a full {@link #state()}), deciding with {@code config}. */
    public static RouterEngine restore(RouterConfig config, String accountId, RouterEngineState state) {
        return restore(config, accountId, state, List.of());
    }

    /**
     * An engine that continues exactly from {@code state}, deciding with {@code config}: a {@link #compactState()}
     * with the signals decided within the duplicate window, which rebuild the router's duplicate memory (see
     * {@link SignalRouter#restore(RouterConfig, String, RouterState, List)}). A full state is merged with them.
     */
    public static RouterEngine restore(RouterConfig config, String accountId, RouterEngineState state,
            List<DecidedSignal> decided) {
        required(state, "state");
        return new RouterEngine(SignalRouter.restore(config, accountId, state.router(), decided),
                state.lastClosedSlice(), state.ordersClosedThrough(), state.lastSnapshot());
    }

    /** Everything the engine remembers, the router's duplicate memory included; {@link #restore} continues from it. */
    public RouterEngineState state() {
        return new RouterEngineState(router.state(), lastClosedSlice, ordersClosedThrough, lastSnapshot);
    }

    /**
     * What the service persists: {@link #state()} without the router's duplicate memory
     * ({@link SignalRouter#compactState()}), so its size does not grow with the signals decided. Restore it with the
     * signals decided within the duplicate window.
     */
    public RouterEngineState compactState() {
        return new RouterEngineState(router.compactState(), lastClosedSlice, ordersClosedThrough, lastSnapshot);
    }

    public String accountId() {
        return router.accountId();
    }

    public RouterConfig config() {
        return router.config();
    }

    /** Replaces the configuration from the next decision on; open orders, cooldowns and the halt are kept. */
    public void updateConfig(RouterConfig config) {
        router.updateConfig(config);
    }

    /** The router's open orders, cooldowns, duplicate memory and halt. */
    public RouterState routerState() {
        return router.state();
    }

    /** The orders the router counts as open, by order id. */
    public List<RouterState.OpenOrder> openOrders() {
        return router.openOrders();
    }

    /** Open time of the last decided slice, empty before the first. */
    public Optional<Instant> lastClosedSlice() {
        return Optional.ofNullable(lastClosedSlice);
    }

    /** The latest slice the order service has closed, empty before its first {@code slice-end}. */
    public Optional<Instant> ordersClosedThrough() {
        return Optional.ofNullable(ordersClosedThrough);
    }

    /** The snapshot the last slice was decided against, empty before the first. */
    public Optional<PortfolioSnapshot> lastSnapshot() {
        return Optional.ofNullable(lastSnapshot);
    }

    /** Feeds a fill or order status change to the router, in the order the order service published them. */
    public void onExecution(ExecutionEvent event) {
        router.onExecution(event);
    }

    /** Records the order service's {@code slice-end(time)}; an older one than already seen changes nothing. */
    public void ordersClosed(Instant time) {
        Objects.requireNonNull(time, "time");
        if (ordersClosedThrough == null || time.isAfter(ordersClosedThrough)) {
            ordersClosedThrough = time;
        }
    }

    /** Whether slice {@code time} was decided already (it is at or before the last closed slice). */
    public boolean isClosed(Instant time) {
        return lastClosedSlice != null && !time.isAfter(lastClosedSlice);
    }

    /** Whether the order service has closed slice {@code time}, so the router's open orders are up to date for it. */
    public boolean ordersReady(Instant time) {
        return ordersClosedThrough != null && !ordersClosedThrough.isBefore(time);
    }

    /**
     * Decides the signals of slice {@code time}, in the given order, against {@code snapshot}; each at decision time
     * {@code max(barTime, time)}. Afterwards {@code time} is the last closed slice and {@code snapshot} the last
     * snapshot.
     *
     * @param signals the slice's signals in arrival order, preceded by earlier signals that had no slice of their own
     *                (by bar time); each bar time at or before {@code time} and after the last closed slice
     * @throws IllegalStateException    when the slice is closed already or the order service has not closed it
     * @throws IllegalArgumentException when the snapshot is not this account's as of {@code time}, or a signal does not
     *                                  belong to the slice
     */
    public List<RoutingResult> closeSlice(Instant time, PortfolioSnapshot snapshot, List<Signal> signals) {
        required(time, "time");
        required(snapshot, "snapshot");
        if (isClosed(time)) {
            throw new IllegalStateException("slice " + time + " is closed already (last closed " + lastClosedSlice + ")");
        }
        if (!ordersReady(time)) {
            throw new IllegalStateException("slice " + time + " may not be decided: the order service closed "
                    + (ordersClosedThrough == null ? "no slice yet" : "through " + ordersClosedThrough));
        }
        if (!accountId().equals(snapshot.accountId()) || !time.equals(snapshot.asOf())) {
            throw new IllegalArgumentException("slice " + time + " of account " + accountId()
                    + " needs that account's snapshot as of " + time + ", not " + snapshot.accountId() + " as of "
                    + snapshot.asOf());
        }
        for (Signal signal : signals) {
            if (signal.barTime().isAfter(time) || isClosed(signal.barTime())) {
                throw new IllegalArgumentException("signal " + signal.id() + " of bar " + signal.barTime()
                        + " does not belong to slice " + time + " (last closed " + lastClosedSlice + ")");
            }
        }
        List<RoutingResult> results = new ArrayList<>(signals.size());
        for (Signal signal : signals) {
            results.add(router.route(signal, snapshot, time));
        }
        lastClosedSlice = time;
        lastSnapshot = snapshot;
        return results;
    }

    /** Whether {@code signal} arrived after its slice was decided: its bar time is at or before the last closed slice. */
    public boolean isLate(Signal signal) {
        return isClosed(signal.barTime());
    }

    /**
     * Decides a {@linkplain #isLate late} signal against the last slice's snapshot, at the last closed slice's time.
     *
     * @throws IllegalStateException when the signal is not late
     */
    public RoutingResult decideLate(Signal signal) {
        if (!isLate(signal)) {
            throw new IllegalStateException("signal " + signal.id() + " of bar " + signal.barTime()
                    + " is not late: the last closed slice is " + lastClosedSlice);
        }
        return router.route(signal, lastSnapshot, lastClosedSlice);
    }

    /**
     * Checks a manual order (entry first, then its legs or OCO partners) against the router's risk rules
     * ({@link SignalRouter#checkManual}), against the last slice's snapshot, at the last closed slice's time.
     *
     * @throws IllegalStateException when no slice was decided yet
     */
    public Decision decideManual(List<Order> orders, BigDecimal referencePrice) {
        if (lastClosedSlice == null || lastSnapshot == null) {
            throw new IllegalStateException("no slice was decided yet");
        }
        return router.checkManual(orders, referencePrice, lastSnapshot, lastClosedSlice);
    }

    /** Kill switch: openings are rejected ({@code kill-switch}) until {@link #resume()}; exits still pass. */
    public void halt(String reason) {
        router.halt(reason);
    }

    /** Lifts the kill switch or the drawdown halt. */
    public void resume() {
        router.resume();
    }

    public boolean halted() {
        return router.halted();
    }

    /** {@code kill-switch} or {@code max-drawdown-halt} while halted, else null. */
    public String haltRule() {
        return router.haltRule();
    }

    /** Why the router is halted, else null. */
    public String haltReason() {
        return router.haltReason();
    }
}
