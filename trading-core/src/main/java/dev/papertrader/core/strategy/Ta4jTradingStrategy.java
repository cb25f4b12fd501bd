package dev.papertrader.core.strategy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * Runs a {@link Ta4jStrategyDefinition} bar by bar for one symbol.
 *
 * <p>Each new bar is appended to a ta4j series (doubles: {@link DoubleNumFactory}) holding at most
 * {@code maxBarCount} bars, followed by a placeholder bar that nothing reads (so that ta4j caches each value once;
 * see {@link #onBar}); then, at the new index t, every indicator of the setup and ATR(14) are computed, and
 * <ul>
 * <li>the entry rule holding at t emits a BUY, the exit rule holding at t a SELL, whatever position is open (the
 * router decides what a signal means); nothing is emitted while t &lt; the strategy's unstable bars;</li>
 * <li>the signal has id {@link Signal#idFor}(strategy, symbol, openTime, type), price = the bar's close,
 * barTime = the bar's open time, emittedAt = null (the publisher stamps it), strength = the setup's strength
 * rounded to 4 decimals, and atr = ATR(14) at t (Wilder's average of the true range, as ta4j computes it)
 * rounded to 10 significant digits, or null while ATR warms up (t &lt; 14) or is zero.</li>
 * </ul>
 *
 * <p>Bounded memory: the values equal those of an unbounded series because every indicator is computed at every
 * bar while the bars it reads are still held (a test checks this over thousands of bars). One exception, inherited
 * from ta4j's cross rule: a cross that follows more than {@code maxBarCount} bars on which both lines were exactly
 * equal is not seen.
 */
public final class Ta4jTradingStrategy implements TradingStrategy {

    /** Period of the ATR attached to every signal. */
    public static final int ATR_PERIOD = 14;

    private static final MathContext ATR_PRECISION = new MathContext(10, RoundingMode.HALF_EVEN);
    private static final int STRENGTH_SCALE = 4;

    private final String name;
    private final String symbol;
    private final BarSeries series;
    private final Strategy strategy;
    private final List<Indicator<?>> indicators;
    private final Ta4jStrategySetup.SignalStrength strength;
    private final ATRIndicator atr;
    private String timeframe;
    private Duration period;
    private Instant lastOpenTime;
    /** Stands after the newest bar at the end of the series (see onBar); at the end of time, so always later. */
    private org.ta4j.core.Bar placeholder;

    /**
     * @throws IllegalArgumentException naming the parameter, if one is unknown or invalid, including a
     *                                  {@code maxBarCount} below the warm-up plus 2 bars
     */
    public Ta4jTradingStrategy(Ta4jStrategyDefinition definition, String symbol, StrategyParameters parameters) {
        Objects.requireNonNull(definition, "definition is required");
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is required");
        }
        Objects.requireNonNull(parameters, "parameters is required");
        StrategyParameters effective = parameters.withDefaults(definition.defaultParameters());
        int maxBarCount = effective.intValue(Ta4jStrategyDefinition.MAX_BAR_COUNT,
                Ta4jStrategyDefinition.DEFAULT_MAX_BAR_COUNT);
        if (maxBarCount < 1) {
            throw new IllegalArgumentException("parameter '" + Ta4jStrategyDefinition.MAX_BAR_COUNT
                    + "' must be positive, was " + maxBarCount);
        }
        this.name = definition.name();
        this.symbol = symbol;
        // The maximum must be set before indicators are created: their caches size themselves on it. One more than
        // asked for, for the placeholder bar (see onBar).
        this.series = new BaseBarSeriesBuilder()
                .withName(symbol)
                .withNumFactory(DoubleNumFactory.getInstance())
                .withMaxBarCount(maxBarCount == Integer.MAX_VALUE ? maxBarCount : maxBarCount + 1)
                .build();
        Ta4jStrategySetup setup = definition.setUp(series, effective);
        this.strategy = setup.strategy();
        this.indicators = setup.indicators();
        this.strength = setup.strength();
        this.atr = new ATRIndicator(series, ATR_PERIOD);
        // The oldest value an indicator reads at t-1 (recomputed when t arrives) is the warm-up length back.
        int minimum = Math.max(strategy.getUnstableBars(), ATR_PERIOD) + 2;
        if (maxBarCount < minimum) {
            throw new IllegalArgumentException("parameter '" + Ta4jStrategyDefinition.MAX_BAR_COUNT
                    + "' must be at least " + minimum + " for these parameters, was " + maxBarCount);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public int warmupBars() {
        return strategy.getUnstableBars();
    }

    /** The most bars kept in memory. */
    public int maxBarCount() {
        int maximum = series.getMaximumBarCount();
        return maximum == Integer.MAX_VALUE ? maximum : maximum - 1;
    }

    /** Bars currently held, at most {@link #maxBarCount()}. */
    public int heldBarCount() {
        return series.isEmpty() ? 0 : series.getBarCount() - 1;
    }

    @Override
    public List<Signal> onBar(Bar bar) {
        Objects.requireNonNull(bar, "bar is required");
        if (!bar.symbol().equals(symbol)) {
            throw new IllegalArgumentException(
                    "strategy " + name + " for " + symbol + " was given a bar of " + bar.symbol());
        }
        if (lastOpenTime != null && !bar.openTime().isAfter(lastOpenTime)) {
            return List.of();
        }
        if (timeframe == null) {
            period = Ta4jBars.timeframeDuration(bar.timeframe());
            timeframe = bar.timeframe();
            Num one = series.numFactory().one();
            Instant endOfTime = Instant.MAX;
            placeholder = new BaseBar(period, endOfTime.minus(period), endOfTime, one, one, one, one, one, one, 0);
        } else if (!timeframe.equals(bar.timeframe())) {
            throw new IllegalArgumentException("strategy " + name + " for " + symbol + " runs on " + timeframe
                    + " bars, was given a " + bar.timeframe() + " bar");
        }
        org.ta4j.core.Bar ta4jBar = Ta4jBars.toTa4jBar(bar, period, series.numFactory());
        // The series ends with a placeholder after the newest bar: ta4j caches an indicator's value at the series'
        // last index only provisionally (that bar may still change), under a lock, and computes it again once a new
        // bar arrives. With the placeholder last, each value is computed once and cached for good. Nothing reads it:
        // every indicator and rule is evaluated at the newest real bar, and none of them looks ahead.
        series.addBar(ta4jBar, !series.isEmpty());
        series.addBar(placeholder);
        lastOpenTime = bar.openTime();

        int index = series.getEndIndex() - 1;
        for (Indicator<?> indicator : indicators) {
            indicator.getValue(index);
        }
        // Computed at every bar like the other indicators (bounded memory needs it), converted only for a signal.
        Num atrNow = atr.getValue(index);
        boolean buy = strategy.shouldEnter(index);
        boolean sell = strategy.shouldExit(index);
        if (!buy && !sell) {
            return List.of();
        }
        BigDecimal atrValue = atrValue(atrNow);
        if (buy && sell) {
            return List.of(signal(bar, SignalType.BUY, index, atrValue), signal(bar, SignalType.SELL, index, atrValue));
        }
        return List.of(signal(bar, buy ? SignalType.BUY : SignalType.SELL, index, atrValue));
    }

    private Signal signal(Bar bar, SignalType type, int index, BigDecimal atrValue) {
        double raw = strength.at(index, type);
        double clamped = Double.isNaN(raw) ? 0 : Math.clamp(raw, 0.0, 1.0);
        BigDecimal strengthValue = BigDecimal.valueOf(clamped).setScale(STRENGTH_SCALE, RoundingMode.HALF_EVEN);
        return new Signal(Signal.idFor(name, symbol, bar.openTime(), type), name, symbol, type, strengthValue,
                bar.openTime(), bar.close(), null, atrValue);
    }

    private static BigDecimal atrValue(Num value) {
        if (Num.isNaNOrNull(value)) {
            return null;
        }
        double atrDouble = value.doubleValue();
        if (!(atrDouble > 0) || Double.isInfinite(atrDouble)) {
            return null;
        }
        return BigDecimal.valueOf(atrDouble).round(ATR_PRECISION);
    }

    @Override
    public String toString() {
        return name + "[" + symbol + "]";
    }
}
