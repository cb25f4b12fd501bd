package dev.papertrader.router.engine;

import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.model.SliceEnd;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Signals, snapshots and watermarks for the engine tests: daily bars from 2 January 2013. */
final class EngineFixtures {

    static final String ACCOUNT = "acct-1";
    static final Instant DAY1 = Instant.parse("2013-01-02T00:00:00Z");
    static final Instant DAY2 = Instant.parse("2013-01-03T00:00:00Z");
    static final Instant DAY3 = Instant.parse("2013-01-04T00:00:00Z");
    static final Instant DAY4 = Instant.parse("2013-01-07T00:00:00Z");

    private EngineFixtures() {
    }

    static Signal signal(String strategy, String symbol, SignalType type, Instant barTime, String price) {
        return new Signal(Signal.idFor(strategy, symbol, barTime, type), strategy, symbol, type, BigDecimal.ONE, barTime,
                new BigDecimal(price), barTime.plusSeconds(60), null);
    }

    static Signal buy(String symbol, Instant barTime, String price) {
        return signal("macd-crossover", symbol, SignalType.BUY, barTime, price);
    }

    static Signal sell(String symbol, Instant barTime, String price) {
        return signal("macd-crossover", symbol, SignalType.SELL, barTime, price);
    }

    /** A flat account with {@code cash} as of {@code asOf}. */
    static PortfolioSnapshot flat(String cash, Instant asOf) {
        BigDecimal c = new BigDecimal(cash);
        return new PortfolioSnapshot(ACCOUNT, c, c, c, c, List.of(), asOf);
    }

    /** An account holding {@code qty} of {@code symbol} marked at {@code price}, plus {@code cash}. */
    static PortfolioSnapshot holding(String cash, String symbol, String qty, String price, Instant asOf) {
        BigDecimal q = new BigDecimal(qty);
        BigDecimal p = new BigDecimal(price);
        BigDecimal equity = new BigDecimal(cash).add(q.multiply(p));
        return new PortfolioSnapshot(ACCOUNT, new BigDecimal(cash), equity, equity, equity,
                List.of(new PositionSnapshot(symbol, q, p, p, q.multiply(p), BigDecimal.ZERO, BigDecimal.ZERO)), asOf);
    }

    static SliceEnd monitorEnd(Instant time, int count) {
        return SliceEnd.of("monitor", "trading.signals", time, count);
    }

    static OrderStatusEvent status(String orderId, String symbol, OrderStatus status, Instant time) {
        return new OrderStatusEvent("status-" + orderId + "-" + status, orderId, ACCOUNT, symbol, status,
                BigDecimal.ZERO, null, null, time);
    }
}
