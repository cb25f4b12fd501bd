package dev.papertrader.core.execution;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The price an order can trade at on one bar, before slippage and the volume cap. Rules (buy; a sell is the
 * mirror image, swapping high/low and ≤/≥):
 * <ul>
 *   <li>MARKET, and a STOP already triggered on an earlier bar: the bar's open.</li>
 *   <li>LIMIT, and a STOP_LIMIT already triggered on an earlier bar: {@code open ≤ limit} → the open (the
 *       bar gapped through the limit: the better price); else {@code low ≤ limit} → the limit; else no trade.</li>
 *   <li>STOP: {@code open ≥ stop} → triggered at the open, trades at the open (the worse price of a gap);
 *       else {@code high ≥ stop} → trades at the stop; else no trade, not triggered.</li>
 *   <li>STOP_LIMIT, triggered at the open ({@code open ≥ stop}): the whole bar follows the trigger, so it is
 *       a limit order on this bar (rule above). Triggered intrabar ({@code open < stop ≤ high}): the market
 *       is at the stop at that moment, so it trades at the stop if {@code stop ≤ limit}; if the limit is below
 *       the stop it does not trade on this bar, because a bar does not tell whether its low came after its
 *       high; it stays triggered and rests as a limit order for later bars.</li>
 *   <li>TRAILING_STOP: a STOP whose stop follows the market. A buy keeps a low-water mark {@code lwm}: before the
 *       bar's own prices, {@code lwm = min(lwm, open)} (on the first eligible bar {@code lwm = open}; the open is
 *       the bar's first price, so it moves the mark before anything else in the bar can trade); the stop is
 *       {@code lwm + trailPrice} or {@code lwm × (1 + trailPercent/100)} (8 decimals, HALF_EVEN). Then
 *       {@code open ≥ stop} → triggered at the open, trades at the open (gap); else {@code high ≥ stop} → trades
 *       at the stop; else it rests and {@code lwm = min(lwm, low)} for the next bar: the bar's low only moves the
 *       stop after the bar, because a bar does not tell whether its low came before its high. Once triggered it
 *       is a market order, like a triggered STOP. A sell mirrors it with a high-water mark {@code hwm}: stop
 *       {@code hwm − trailPrice} or {@code hwm × (1 − trailPercent/100)}, {@code open ≤ stop} → the open, else
 *       {@code low ≤ stop} → the stop, else {@code hwm = max(hwm, high)}.</li>
 * </ul>
 */
final class FillPriceRules {

    /**
     * @param price     the price the order trades at on this bar, or null when it does not trade
     * @param triggered whether a stop order is triggered after this bar
     * @param trailMark a trailing stop's water mark after this bar (high for a sell, low for a buy); null for
     *                  other types
     */
    record Reach(BigDecimal price, boolean triggered, BigDecimal trailMark) {
        Reach(BigDecimal price, boolean triggered) {
            this(price, triggered, null);
        }
    }

    /** Decimals of a percentage trailing stop price. */
    static final int TRAIL_SCALE = 8;

    private FillPriceRules() {
    }

    /**
     * @param triggered whether the stop was reached on an earlier bar
     * @param trailMark a trailing stop's water mark after the previous bar, null before its first eligible bar
     */
    static Reach reach(Order order, boolean triggered, BigDecimal trailMark, Bar bar) {
        Side side = order.side();
        return switch (order.type()) {
            case MARKET -> new Reach(bar.open(), false);
            case LIMIT -> new Reach(limitPrice(side, order.limitPrice(), bar), false);
            case STOP -> stop(side, order.stopPrice(), triggered, bar);
            case STOP_LIMIT -> stopLimit(side, order.stopPrice(), order.limitPrice(), triggered, bar);
            case TRAILING_STOP -> trailingStop(order, triggered, trailMark, bar);
        };
    }

    /** The worst price a fill of this order may get after slippage: its limit, or none for MARKET and STOP. */
    static BigDecimal worstAllowedPrice(Order order) {
        return order.type() == OrderType.LIMIT || order.type() == OrderType.STOP_LIMIT ? order.limitPrice() : null;
    }

    /** True when {@code price} is at least as good as {@code limit} for the side: ≤ for a buy, ≥ for a sell. */
    static boolean atOrBetter(Side side, BigDecimal price, BigDecimal limit) {
        int cmp = price.compareTo(limit);
        return side == Side.BUY ? cmp <= 0 : cmp >= 0;
    }

    private static BigDecimal limitPrice(Side side, BigDecimal limit, Bar bar) {
        if (atOrBetter(side, bar.open(), limit)) {
            return bar.open();
        }
        BigDecimal bestOfBar = side == Side.BUY ? bar.low() : bar.high();
        return atOrBetter(side, bestOfBar, limit) ? limit : null;
    }

    private static boolean stopAtOpen(Side side, BigDecimal stop, Bar bar) {
        // A buy stop triggers when the price rises to it, a sell stop when it falls to it.
        return side == Side.BUY ? bar.open().compareTo(stop) >= 0 : bar.open().compareTo(stop) <= 0;
    }

    private static boolean stopIntrabar(Side side, BigDecimal stop, Bar bar) {
        return side == Side.BUY ? bar.high().compareTo(stop) >= 0 : bar.low().compareTo(stop) <= 0;
    }

    private static Reach stop(Side side, BigDecimal stop, boolean triggered, Bar bar) {
        if (triggered || stopAtOpen(side, stop, bar)) {
            return new Reach(bar.open(), true);
        }
        if (stopIntrabar(side, stop, bar)) {
            return new Reach(stop, true);
        }
        return new Reach(null, false);
    }

    private static Reach stopLimit(Side side, BigDecimal stop, BigDecimal limit, boolean triggered, Bar bar) {
        if (triggered || stopAtOpen(side, stop, bar)) {
            return new Reach(limitPrice(side, limit, bar), true);
        }
        if (stopIntrabar(side, stop, bar)) {
            return new Reach(atOrBetter(side, stop, limit) ? stop : null, true);
        }
        return new Reach(null, false);
    }

    private static Reach trailingStop(Order order, boolean triggered, BigDecimal trailMark, Bar bar) {
        boolean buy = order.side() == Side.BUY;
        if (triggered) {
            return new Reach(bar.open(), true, trailMark);
        }
        BigDecimal mark = trailMark == null ? bar.open() : buy ? trailMark.min(bar.open()) : trailMark.max(bar.open());
        BigDecimal stop = trailingStopPrice(order, mark);
        Reach reach = stop(order.side(), stop, false, bar);
        if (reach.triggered()) {
            return new Reach(reach.price(), true, mark);
        }
        return new Reach(null, false, buy ? mark.min(bar.low()) : mark.max(bar.high()));
    }

    /** The stop of a trailing stop whose water mark is {@code mark}. */
    static BigDecimal trailingStopPrice(Order order, BigDecimal mark) {
        boolean buy = order.side() == Side.BUY;
        if (order.trailPrice() != null) {
            return buy ? mark.add(order.trailPrice()) : mark.subtract(order.trailPrice());
        }
        BigDecimal share = order.trailPercent().movePointLeft(2);
        BigDecimal factor = buy ? BigDecimal.ONE.add(share) : BigDecimal.ONE.subtract(share);
        return mark.multiply(factor).setScale(TRAIL_SCALE, RoundingMode.HALF_EVEN);
    }
}
