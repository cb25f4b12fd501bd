package dev.papertrader.core.router;

import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Signals, snapshots and execution events for the router tests, with readable defaults. */
final class Fixtures {

    static final String ACCOUNT = "acct-1";
    static final String STRATEGY = "macd-crossover";
    /** Monday 4 March 2024, 09:30 in New York (EST): the opening bell. */
    static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");

    private Fixtures() {
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static Instant at(Duration afterT0) {
        return T0.plus(afterT0);
    }

    static Signal signal(String strategy, String symbol, SignalType type, String strength, Instant barTime,
            String price, String atr) {
        return new Signal(Signal.idFor(strategy, symbol, barTime, type), strategy, symbol, type, dec(strength),
                barTime, dec(price), barTime.plusSeconds(1), atr == null ? null : dec(atr));
    }

    static Signal buy(String symbol, String price, Instant barTime) {
        return signal(STRATEGY, symbol, SignalType.BUY, "1", barTime, price, null);
    }

    static Signal sell(String symbol, String price, Instant barTime) {
        return signal(STRATEGY, symbol, SignalType.SELL, "1", barTime, price, null);
    }

    /** A flat account: equity = peak = day start = cash. */
    static PortfolioSnapshot flat(String cash) {
        return snapshot(cash, cash, cash, cash);
    }

    static PortfolioSnapshot snapshot(String cash, String equity, String peakEquity, String dayStartEquity,
            PositionSnapshot... positions) {
        return new PortfolioSnapshot(ACCOUNT, dec(cash), dec(equity), dec(peakEquity), dec(dayStartEquity),
                List.of(positions), T0);
    }

    /** A position marked at {@code price}: market value = qty × price; bought at the same price. */
    static PositionSnapshot position(String symbol, String qty, String price) {
        BigDecimal q = dec(qty);
        BigDecimal p = dec(price);
        return new PositionSnapshot(symbol, q, p, p, q.multiply(p), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    static OrderStatusEvent status(String orderId, String symbol, OrderStatus status) {
        return new OrderStatusEvent("status-" + orderId + "-" + status, orderId, ACCOUNT, symbol, status,
                BigDecimal.ZERO, null, null, T0);
    }

    static RouterConfig config() {
        return RouterConfig.defaults();
    }
}
