package dev.papertrader.core.router;

import static dev.papertrader.core.model.Checks.nonNegative;
import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a {@link SignalRouter} remembers between signals, so that a restarted router
 * ({@link SignalRouter#restore}) decides exactly as the one that stopped would have. Plain data: it encodes to JSON
 * with {@link dev.papertrader.core.json.JsonCodec}. Collections are sorted, so equal states encode identically.
 *
 * <p><b>Full and compact.</b> {@link SignalRouter#state()} holds all of it. Its duplicate memory
 * ({@code seenSignals}, {@code acceptedSignals}) grows with the number of signals decided within the duplicate
 * window, and a service that logs its decisions already has it: {@link SignalRouter#compactState()} leaves both
 * empty (it keeps the memory's bounds, {@code newestBarTime} and {@code forgottenBefore}), and
 * {@link SignalRouter#restore(RouterConfig, String, RouterState, List)} rebuilds them from the {@link DecidedSignal}s
 * of the window. A state holding both (an older saved state) restores too; the two are merged.
 *
 * @param openOrders      the router's orders not yet FILLED, CANCELED, EXPIRED or REJECTED, sorted by order id
 * @param lastAcceptedAt  per symbol, the bar time of the last accepted order (for the cooldown)
 * @param seenSignals     signal id → bar time of every signal decided within the duplicate window; empty in a
 *                        compact state
 * @param acceptedSignals symbol, type and bar time of accepted signals within the duplicate window, with the
 *                        strategy that sent them (for cross-strategy duplicates); empty in a compact state
 * @param halted          true while openings are refused by the kill switch or the drawdown halt
 * @param haltRule        {@code kill-switch} or {@code max-drawdown-halt} while halted, else null
 * @param haltReason      why it halted while halted, else null
 * @param newestBarTime   the newest bar time among the signals remembered so far (forgotten ones included), from
 *                        which the duplicate window counts back; null before the first signal, and in states saved
 *                        before it was kept (then the signals remembered tell it)
 * @param forgottenBefore the latest cutoff the duplicate memory was trimmed to ({@code newest − window} at each
 *                        signal): what a restore from decided signals must not remember again, even when the window
 *                        has grown since. Null before the first signal and in states saved before it was kept
 */
public record RouterState(List<OpenOrder> openOrders, SortedMap<String, Instant> lastAcceptedAt,
        SortedMap<String, Instant> seenSignals, List<AcceptedSignal> acceptedSignals, boolean halted,
        String haltRule, String haltReason, Instant newestBarTime, Instant forgottenBefore) {

    public RouterState {
        openOrders = openOrders == null ? List.of()
                : openOrders.stream().sorted(Comparator.comparing(OpenOrder::orderId)).toList();
        lastAcceptedAt = sortedCopy(lastAcceptedAt);
        seenSignals = sortedCopy(seenSignals);
        acceptedSignals = acceptedSignals == null ? List.of()
                : acceptedSignals.stream().sorted(AcceptedSignal.ORDER).toList();
        if (halted) {
            requiredText(haltRule, "haltRule");
            requiredText(haltReason, "haltReason");
        } else if (haltRule != null || haltReason != null) {
            throw new IllegalArgumentException("haltRule and haltReason are only set while halted");
        }
    }

    /** A router that has seen nothing. */
    public static RouterState empty() {
        return new RouterState(List.of(), null, null, List.of(), false, null, null, null, null);
    }

    /**
     * An order the router created and that can still fill.
     *
     * @param opening  true when it opens a position (counted in gross exposure), false when it closes one
     * @param notional its estimated value: qty × signal price, or the order's notional; BUY orders reserve this much
     *                 cash until they end
     */
    public record OpenOrder(String orderId, String symbol, Side side, boolean opening, BigDecimal notional) {
        public OpenOrder {
            requiredText(orderId, "orderId");
            requiredText(symbol, "symbol");
            required(side, "side");
            nonNegative(notional, "notional");
        }
    }

    /** An accepted signal's duplicate key (symbol, type, bar time) and the strategy it came from. */
    public record AcceptedSignal(String symbol, SignalType type, Instant barTime, String strategy) {
        static final Comparator<AcceptedSignal> ORDER = Comparator.comparing(AcceptedSignal::barTime)
                .thenComparing(AcceptedSignal::symbol)
                .thenComparing(AcceptedSignal::type);

        public AcceptedSignal {
            requiredText(symbol, "symbol");
            required(type, "type");
            required(barTime, "barTime");
            requiredText(strategy, "strategy");
        }
    }

    /**
     * A signal the router decided, accepted or not, as a decision log keeps it: what
     * {@link SignalRouter#restore(RouterConfig, String, RouterState, List)} needs to rebuild the duplicate memory a
     * {@linkplain SignalRouter#compactState() compact state} leaves out. Manual orders
     * ({@link SignalRouter#checkManual}) are not signals and are not remembered.
     *
     * @param signalId the signal's id
     * @param barTime  the signal's bar time (not the later decision time of a late signal)
     * @param accepted whether the decision accepted it; only accepted signals block other strategies' duplicates
     */
    public record DecidedSignal(String signalId, String symbol, SignalType type, Instant barTime, String strategy,
            boolean accepted) {
        public DecidedSignal {
            requiredText(signalId, "signalId");
            requiredText(symbol, "symbol");
            required(type, "type");
            required(barTime, "barTime");
            requiredText(strategy, "strategy");
        }
    }

    private static SortedMap<String, Instant> sortedCopy(Map<String, Instant> map) {
        return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
