package dev.papertrader.order.config;

import dev.papertrader.core.config.ModelSpecs;
import dev.papertrader.core.execution.ExecutionConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How the simulated exchange fills orders ({@code papertrader.execution.*}); the same settings as the backtest's
 * {@link ExecutionConfig}, which {@link #toExecutionConfig} builds.
 */
@ConfigMapping(prefix = "papertrader.execution")
public interface ExecutionSettings {

    /** Bars of its symbol after an order's creation until it can fill; 1 fills a signal of bar t on bar t+1. */
    @WithDefault("" + ExecutionConfig.DEFAULT_LATENCY_BARS)
    int latencyBars();

    /** Largest share of a bar's volume one order may fill on it, within (0, 1]; no cap when absent. */
    Optional<BigDecimal> maxVolumeShare();

    /** Slippage model spec: {@code none}, {@code bps:5}, {@code impact:0.1} ({@link ModelSpecs#slippage}). */
    @WithDefault("none")
    String slippage();

    /**
     * Fee model spec: {@code none}, {@code pct:0.1}, {@code per-share:0.005[:minimum]}, {@code fixed:1}
     * ({@link ModelSpecs#fees}).
     */
    @WithDefault("none")
    String fees();

    /** Zone whose calendar date ends a DAY order's session. */
    @WithDefault("UTC")
    ZoneId sessionZone();

    /** Decimals of the quantity computed for a notional order. */
    @WithDefault("" + ExecutionConfig.DEFAULT_NOTIONAL_QUANTITY_SCALE)
    int notionalQuantityScale();

    /** Bars kept per symbol to fill late orders as if they had arrived in time. */
    @WithDefault("" + ExecutionConfig.DEFAULT_BAR_HISTORY)
    int barHistory();

    /** The exchange configuration these settings describe; a bad value fails with the setting's name. */
    static ExecutionConfig toExecutionConfig(ExecutionSettings settings) {
        try {
            return new ExecutionConfig(settings.latencyBars(), settings.maxVolumeShare().orElse(null),
                    ModelSpecs.slippage(settings.slippage()), ModelSpecs.fees(settings.fees()),
                    settings.sessionZone(), settings.notionalQuantityScale(), settings.barHistory());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid papertrader.execution settings: " + e.getMessage(), e);
        }
    }
}
