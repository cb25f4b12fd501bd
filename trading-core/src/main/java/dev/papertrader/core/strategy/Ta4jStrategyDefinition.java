package dev.papertrader.core.strategy;

import org.ta4j.core.BarSeries;
import org.ta4j.core.Strategy;

/**
 * Seed strategies are defined as ta4j rules so the very same ta4j {@link Strategy} can also run in ta4j's
 * {@code BarSeriesManager}: {@link #build} gives that strategy for any series, {@link #create} runs it bar by bar
 * through {@link Ta4jTradingStrategy}.
 */
public interface Ta4jStrategyDefinition extends StrategyFactory {

    /**
     * Parameter every ta4j strategy accepts: the most bars the running instance keeps in its series. Older bars are
     * dropped so a long-running monitor uses bounded memory; indicator values do not change because each value is
     * computed, in order, while its inputs are still in the series.
     */
    String MAX_BAR_COUNT = "maxBarCount";

    /** Default of {@link #MAX_BAR_COUNT}: far more than any seed strategy's warm-up. */
    int DEFAULT_MAX_BAR_COUNT = 1000;

    /**
     * The ta4j strategy on {@code series}: its entry rule gives BUY signals, its exit rule SELL signals, and its
     * unstable bars are the warm-up. Missing parameters take their defaults.
     *
     * @throws IllegalArgumentException naming the parameter, if one is unknown or invalid
     */
    default Strategy build(BarSeries series, StrategyParameters parameters) {
        return setUp(series, parameters).strategy();
    }

    /**
     * The ta4j strategy on {@code series} together with what {@link Ta4jTradingStrategy} needs besides: the
     * indicators to compute at every bar and the strength of a signal.
     *
     * @throws IllegalArgumentException naming the parameter, if one is unknown or invalid
     */
    Ta4jStrategySetup setUp(BarSeries series, StrategyParameters parameters);

    @Override
    default TradingStrategy create(String symbol, StrategyParameters parameters) {
        return new Ta4jTradingStrategy(this, symbol, parameters);
    }
}
