package dev.papertrader.router.service;

import dev.papertrader.core.model.Side;
import dev.papertrader.core.router.RouterState;
import dev.papertrader.router.engine.PendingSlices;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the router is doing ({@code GET /status}).
 *
 * @param accountId           the account it routes for
 * @param halted              whether openings are refused (kill switch or drawdown halt)
 * @param haltRule            {@code kill-switch} or {@code max-drawdown-halt} while halted
 * @param haltReason          why it is halted
 * @param openOrders          its orders that can still fill
 * @param lastClosedSlice     the last slice decided; null before the first
 * @param ordersClosedThrough the latest slice the order service has closed
 * @param nextSlice           the earliest slice with the monitor's watermark, not decided yet
 * @param waitingFor          what the next slice still lacks: {@code snapshot}, {@code orders slice-end}, signals
 * @param pendingSignals      signals received and not decided yet
 * @param pendingSlices       what is held for each undecided slice
 */
public record RouterStatus(String accountId, boolean halted, String haltRule, String haltReason,
        List<OpenOrder> openOrders, Instant lastClosedSlice, Instant ordersClosedThrough, Instant nextSlice,
        List<String> waitingFor, int pendingSignals, List<PendingSlice> pendingSlices) {

    /**
     * An open order of the router.
     *
     * @param opening  whether it opens a position
     * @param notional its estimated value (qty × signal price, or its notional)
     */
    public record OpenOrder(String orderId, String symbol, Side side, boolean opening, BigDecimal notional) {
        static OpenOrder of(RouterState.OpenOrder order) {
            return new OpenOrder(order.orderId(), order.symbol(), order.side(), order.opening(), order.notional());
        }
    }

    /**
     * An undecided slice.
     *
     * @param signals         signals held with this bar time
     * @param monitorSliceEnd whether the monitor's watermark has arrived
     * @param expectedSignals the watermark's count, null before it arrives
     * @param snapshot        whether the account's snapshot as of it has arrived
     */
    public record PendingSlice(Instant time, int signals, boolean monitorSliceEnd, Integer expectedSignals,
            boolean snapshot) {
        static PendingSlice of(PendingSlices.Summary summary) {
            return new PendingSlice(summary.time(), summary.signalCount(), summary.expectedCount() != null,
                    summary.expectedCount(), summary.snapshot());
        }
    }
}
