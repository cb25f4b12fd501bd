package dev.papertrader.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.data.Dataset;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.portfolio.RoundTrip;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.Sizing;
import dev.papertrader.core.strategy.MacdCrossoverStrategy;
import dev.papertrader.core.strategy.StrategyParameters;
import dev.papertrader.core.strategy.Ta4jBars;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.num.DecimalNumFactory;

/**
 * The reference configuration (macd-crossover, long only, all-in, fractional, next-open, zero costs, 10,000 cash)
 * on the bundled AAPL 2013 bars gives the same trades and final equity as ta4j's own BarSeriesManager with its
 * default next-open execution.
 */
class Ta4jEquivalenceTests {

    static final BigDecimal CASH = new BigDecimal("10000");

    /** The backtest command's reference run, as a configuration. */
    static BacktestConfig referenceConfig() {
        RouterConfig router = RouterConfig.defaults().withSizing(new Sizing.AllIn()).withFractional(true)
                .withLongOnly(true);
        return new BacktestConfig("reference", CASH, List.of(StrategySpec.of(MacdCrossoverStrategy.NAME)), router,
                ExecutionConfig.defaults(), PerformanceParameters.DAILY_STOCKS, ZoneOffset.UTC);
    }

    @Test
    void referenceRunOnAapl2013MatchesTa4jBarSeriesManagerTradeForTrade() {
        Dataset aapl = BundledData.load("aapl-2013");
        List<Bar> bars = aapl.bars();

        BacktestResult ours = new BacktestEngine(referenceConfig()).run(bars);

        BarSeries series = Ta4jBars.toSeries(bars, DecimalNumFactory.getInstance());
        org.ta4j.core.Strategy strategy = new MacdCrossoverStrategy().build(series, StrategyParameters.empty());
        TradingRecord record = new BarSeriesManager(series).run(strategy);
        List<Position> closed = record.getPositions();

        assertThat(closed).as("ta4j closes some trades on AAPL 2013").isNotEmpty();
        assertThat(ours.trades()).hasSameSizeAs(closed);
        BigDecimal ta4jEquity = CASH;
        for (int i = 0; i < closed.size(); i++) {
            Position position = closed.get(i);
            RoundTrip trade = ours.trades().get(i);
            int entryIndex = position.getEntry().getIndex();
            int exitIndex = position.getExit().getIndex();
            assertThat(trade.entryTime()).as("entry of trade %d", i).isEqualTo(bars.get(entryIndex).openTime());
            assertThat(trade.exitTime()).as("exit of trade %d", i).isEqualTo(bars.get(exitIndex).openTime());
            BigDecimal entryPrice = position.getEntry().getPricePerAsset().bigDecimalValue();
            BigDecimal exitPrice = position.getExit().getPricePerAsset().bigDecimalValue();
            assertThat(trade.entryPrice()).as("entry price of trade %d", i).isEqualByComparingTo(entryPrice);
            assertThat(trade.exitPrice()).as("exit price of trade %d", i).isEqualByComparingTo(exitPrice);
            // All-in, no costs: each trade multiplies equity by exit / entry.
            ta4jEquity = ta4jEquity.multiply(exitPrice).divide(entryPrice, MathContext.DECIMAL128);
        }
        BigDecimal lastClose = bars.get(bars.size() - 1).close();
        Position open = record.getCurrentPosition();
        if (open.isOpened()) {
            BigDecimal entryPrice = open.getEntry().getPricePerAsset().bigDecimalValue();
            ta4jEquity = ta4jEquity.multiply(lastClose).divide(entryPrice, MathContext.DECIMAL128);
        }
        // Fractional quantities have 8 decimals, so the two equities may differ by far less than a cent.
        assertThat(ours.stats().finalEquity().subtract(ta4jEquity).abs())
                .as("final equity %s vs ta4j %s", ours.stats().finalEquity(), ta4jEquity)
                .isLessThan(new BigDecimal("0.01"));
    }
}
