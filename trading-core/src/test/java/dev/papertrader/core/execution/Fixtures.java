package dev.papertrader.core.execution;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builders for the hand-computed cases: daily bars of one symbol, orders created at a bar's open time. */
final class Fixtures {

    static final String SYMBOL = "AAPL";
    static final String ACCOUNT = "acc-1";
    static final Instant DAY_0 = Instant.parse("2024-01-02T00:00:00Z");

    private Fixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** Open time of daily bar {@code n}. */
    static Instant day(int n) {
        return DAY_0.plus(Duration.ofDays(n));
    }

    static Bar bar(Instant openTime, String open, String high, String low, String close, String volume) {
        return new Bar(SYMBOL, "1d", openTime, d(open), d(high), d(low), d(close), d(volume));
    }

    static Bar bar(int dayIndex, String open, String high, String low, String close) {
        return bar(day(dayIndex), open, high, low, close, "1000000");
    }

    static Bar barWithVolume(int dayIndex, String open, String volume) {
        return bar(day(dayIndex), open, open, open, open, volume);
    }

    static Order order(String id, Side side, OrderType type, String qty, String limit, String stop,
            TimeInForce tif, Instant createdAt) {
        return new Order(id, null, ACCOUNT, SYMBOL, side, type, d(qty), null, limit == null ? null : d(limit),
                stop == null ? null : d(stop), tif, createdAt);
    }

    static Order market(String id, Side side, String qty, Instant createdAt) {
        return order(id, side, OrderType.MARKET, qty, null, null, TimeInForce.GTC, createdAt);
    }

    static Order market(String id, Side side, String qty, TimeInForce tif, Instant createdAt) {
        return order(id, side, OrderType.MARKET, qty, null, null, tif, createdAt);
    }

    static Order limit(String id, Side side, String qty, String limit, Instant createdAt) {
        return order(id, side, OrderType.LIMIT, qty, limit, null, TimeInForce.GTC, createdAt);
    }

    static Order stop(String id, Side side, String qty, String stop, Instant createdAt) {
        return order(id, side, OrderType.STOP, qty, null, stop, TimeInForce.GTC, createdAt);
    }

    static Order stopLimit(String id, Side side, String qty, String stop, String limit, Instant createdAt) {
        return order(id, side, OrderType.STOP_LIMIT, qty, limit, stop, TimeInForce.GTC, createdAt);
    }

    static Order notionalMarket(String id, Side side, String notional, Instant createdAt) {
        return new Order(id, null, ACCOUNT, SYMBOL, side, OrderType.MARKET, null, d(notional), null, null,
                TimeInForce.GTC, createdAt);
    }

    static List<Fill> fills(List<ExecutionEvent> events) {
        return events.stream().filter(Fill.class::isInstance).map(Fill.class::cast).toList();
    }

    static List<OrderStatusEvent> statuses(List<ExecutionEvent> events) {
        return events.stream().filter(OrderStatusEvent.class::isInstance).map(OrderStatusEvent.class::cast).toList();
    }

    static List<OrderStatus> statusSequence(List<ExecutionEvent> events) {
        return statuses(events).stream().map(OrderStatusEvent::status).toList();
    }

    /** A compact, comparable picture of an event list: kind, status or qty@price, time. */
    static List<String> kinds(List<ExecutionEvent> events) {
        return events.stream().map(e -> switch (e) {
            case Fill f -> "FILL " + f.qty().toPlainString() + "@" + f.price().stripTrailingZeros().toPlainString();
            case OrderStatusEvent s -> s.status().name();
        }).toList();
    }
}
