package dev.papertrader.core.router;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.router.RouterState.DecidedSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the router service's {@code decisions} table gives a restored router, kept in memory: one row per signal id,
 * the first decision about it (a later decision about the same id, a {@code duplicate} rejection or a decision after
 * the id was forgotten, is not stored: {@code on conflict (id) do nothing}), in the order decided; read back as the
 * rows whose bar time is within the duplicate window of the newest.
 */
final class DecisionLog {

    private final Map<String, DecidedSignal> rows = new LinkedHashMap<>();

    /** Records the decision about {@code signal}, unless its id was decided before. */
    void record(Signal signal, RoutingResult result) {
        Decision decision = result.decision();
        rows.putIfAbsent(decision.signalId(), new DecidedSignal(decision.signalId(), decision.symbol(),
                decision.signalType(), signal.barTime(), decision.strategy(), decision.accepted()));
    }

    /** The rows a restored router needs: bar time ≥ newest bar time − window, in decision order. */
    List<DecidedSignal> remembered(Duration window) {
        Instant newest = rows.values().stream().map(DecidedSignal::barTime).max(Instant::compareTo).orElse(null);
        if (newest == null) {
            return List.of();
        }
        Instant start = SignalRouter.duplicateMemoryStart(newest, window);
        return rows.values().stream().filter(row -> !row.barTime().isBefore(start)).toList();
    }

    /** Every row, in decision order. */
    List<DecidedSignal> all() {
        return List.copyOf(rows.values());
    }
}
