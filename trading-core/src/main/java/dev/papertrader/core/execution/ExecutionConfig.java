package dev.papertrader.core.execution;

import static dev.papertrader.core.model.Checks.required;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * How the simulated exchange fills orders. The live order service and the backtest use the same values.
 *
 * @param latencyBars           at least 1: an order created at {@code createdAt} is eligible on the
 *                              {@code latencyBars}-th bar of its symbol whose open time is after {@code createdAt}
 *                              (1: an order from the signal of bar t fills on bar t+1)
 * @param maxVolumeShare        null for no cap; otherwise within (0, 1]: each bar fills at most
 *                              {@code maxVolumeShare × bar.volume} of an order (rounded down to the order's scale)
 * @param slippage              price worsening applied to every fill
 * @param fees                  commissions charged on every fill
 * @param sessionZone           zone whose calendar date delimits a DAY order's session
 * @param notionalQuantityScale decimals of the quantity computed for a notional order
 * @param barHistory            bars kept per symbol so that an order arriving late is filled as if it had
 *                              arrived in time; an order older than the oldest kept bar is rejected
 */
public record ExecutionConfig(int latencyBars, BigDecimal maxVolumeShare, SlippageModel slippage, FeeModel fees,
        ZoneId sessionZone, int notionalQuantityScale, int barHistory) {

    public static final int DEFAULT_LATENCY_BARS = 1;
    public static final int DEFAULT_NOTIONAL_QUANTITY_SCALE = 8;
    public static final int DEFAULT_BAR_HISTORY = 500;

    public ExecutionConfig {
        if (latencyBars < 1) {
            throw new IllegalArgumentException("latencyBars must be at least 1, was " + latencyBars);
        }
        if (maxVolumeShare != null
                && (maxVolumeShare.signum() <= 0 || maxVolumeShare.compareTo(BigDecimal.ONE) > 0)) {
            throw new IllegalArgumentException("maxVolumeShare must be within (0, 1], was "
                    + maxVolumeShare.toPlainString());
        }
        required(slippage, "slippage");
        required(fees, "fees");
        required(sessionZone, "sessionZone");
        if (notionalQuantityScale < 0) {
            throw new IllegalArgumentException("notionalQuantityScale must not be negative, was "
                    + notionalQuantityScale);
        }
        if (barHistory < 1) {
            throw new IllegalArgumentException("barHistory must be at least 1, was " + barHistory);
        }
    }

    /** Next-bar fills, no volume cap, no slippage, no fees, UTC sessions, 8 decimals for notional quantities, 500 bars kept. */
    public static ExecutionConfig defaults() {
        return new ExecutionConfig(DEFAULT_LATENCY_BARS, null, SlippageModel.none(), FeeModel.none(), ZoneOffset.UTC,
                DEFAULT_NOTIONAL_QUANTITY_SCALE, DEFAULT_BAR_HISTORY);
    }

    public ExecutionConfig withLatencyBars(int value) {
        return new ExecutionConfig(value, maxVolumeShare, slippage, fees, sessionZone, notionalQuantityScale, barHistory);
    }

    public ExecutionConfig withMaxVolumeShare(BigDecimal value) {
        return new ExecutionConfig(latencyBars, value, slippage, fees, sessionZone, notionalQuantityScale, barHistory);
    }

    public ExecutionConfig withSlippage(SlippageModel value) {
        return new ExecutionConfig(latencyBars, maxVolumeShare, value, fees, sessionZone, notionalQuantityScale, barHistory);
    }

    public ExecutionConfig withFees(FeeModel value) {
        return new ExecutionConfig(latencyBars, maxVolumeShare, slippage, value, sessionZone, notionalQuantityScale, barHistory);
    }

    public ExecutionConfig withSessionZone(ZoneId value) {
        return new ExecutionConfig(latencyBars, maxVolumeShare, slippage, fees, value, notionalQuantityScale, barHistory);
    }

    public ExecutionConfig withNotionalQuantityScale(int value) {
        return new ExecutionConfig(latencyBars, maxVolumeShare, slippage, fees, sessionZone, value, barHistory);
    }

    public ExecutionConfig withBarHistory(int value) {
        return new ExecutionConfig(latencyBars, maxVolumeShare, slippage, fees, sessionZone, notionalQuantityScale, value);
    }
}
