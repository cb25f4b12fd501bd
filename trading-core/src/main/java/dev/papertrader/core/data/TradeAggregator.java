package dev.papertrader.core.data;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds time bars from trades.
 * <p>
 * A trade at time t belongs to the bar opening at {@code floor(t / timeframe) × timeframe} (counted from the epoch,
 * so 5-minute bars open at :00, :05, …, and daily bars at 00:00 UTC). Within a bar: open = price of the first trade,
 * close = price of the last, high = highest price, low = lowest, volume = sum of the amounts. Intervals without
 * trades produce no bar (no forward-filled flat bars). Trades may be given in any order: they are sorted by time
 * first, and trades with equal times keep their given order (so the first one given is the earlier).
 */
public final class TradeAggregator {

    private TradeAggregator() {
    }

    /**
     * @param timeframe bar length: positive and a whole number of milliseconds; becomes the bars' timeframe label
     *                  via {@link Timeframes#label(Duration)} ({@code PT1M -> 1m})
     * @return bars in ascending open-time order
     */
    public static List<Bar> aggregate(List<Trade> trades, String symbol, Duration timeframe) {
        Checks.required(trades, "trades");
        Checks.requiredText(symbol, "symbol");
        String label = Timeframes.label(timeframe);
        long step = timeframe.toMillis();
        if (!Duration.ofMillis(step).equals(timeframe)) {
            throw new IllegalArgumentException("timeframe must be a whole number of milliseconds, was " + timeframe);
        }
        List<Trade> ordered = new ArrayList<>(trades);
        ordered.sort(Comparator.comparing(Trade::time));

        List<Bar> bars = new ArrayList<>();
        long barStart = 0;
        BigDecimal open = null;
        BigDecimal high = null;
        BigDecimal low = null;
        BigDecimal close = null;
        BigDecimal volume = null;
        for (Trade trade : ordered) {
            long start = Math.floorDiv(trade.time().toEpochMilli(), step) * step;
            if (open == null || start != barStart) {
                if (open != null) {
                    bars.add(new Bar(symbol, label, Instant.ofEpochMilli(barStart), open, high, low, close, volume));
                }
                barStart = start;
                open = high = low = trade.price();
                volume = BigDecimal.ZERO;
            }
            high = high.max(trade.price());
            low = low.min(trade.price());
            close = trade.price();
            volume = volume.add(trade.amount());
        }
        if (open != null) {
            bars.add(new Bar(symbol, label, Instant.ofEpochMilli(barStart), open, high, low, close, volume));
        }
        return List.copyOf(bars);
    }
}
