package dev.papertrader.router;

import dev.papertrader.core.json.JsonCodec;
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

/**
 * Plays the router's neighbours over AMQP: the monitor (signals and its slice-ends on {@code trading.signals}), the
 * order service (status changes and its slice-ends on {@code trading.fills}) and the portfolio (snapshots on
 * {@code portfolio.updates}).
 */
final class Upstream {

    static final String ACCOUNT = "default";
    static final String STRATEGY = "macd-crossover";

    private final AmqpTestClient amqp;

    Upstream(AmqpTestClient amqp) {
        this.amqp = amqp;
    }

    static Signal signal(String symbol, SignalType type, Instant barTime, String price) {
        return new Signal(Signal.idFor(STRATEGY, symbol, barTime, type), STRATEGY, symbol, type, BigDecimal.ONE,
                barTime, new BigDecimal(price), barTime.plusSeconds(60), null);
    }

    static Signal buy(String symbol, Instant barTime, String price) {
        return signal(symbol, SignalType.BUY, barTime, price);
    }

    static Signal sell(String symbol, Instant barTime, String price) {
        return signal(symbol, SignalType.SELL, barTime, price);
    }

    /** A flat account: equity = peak = day start = cash. */
    static PortfolioSnapshot flat(String cash, Instant asOf) {
        BigDecimal c = new BigDecimal(cash);
        return new PortfolioSnapshot(ACCOUNT, c, c, c, c, List.of(), asOf);
    }

    /** {@code cash} and a long position marked at its cost. */
    static PortfolioSnapshot holding(String cash, String symbol, String qty, String price, Instant asOf) {
        BigDecimal q = new BigDecimal(qty);
        BigDecimal p = new BigDecimal(price);
        BigDecimal equity = new BigDecimal(cash).add(q.multiply(p));
        return new PortfolioSnapshot(ACCOUNT, new BigDecimal(cash), equity, equity, equity,
                List.of(new PositionSnapshot(symbol, q, p, p, q.multiply(p), BigDecimal.ZERO, BigDecimal.ZERO)), asOf);
    }

    /** The monitor: the signals of slice {@code time} in this order, then its slice-end counting them. */
    void monitorSlice(Instant time, Signal... signals) {
        for (Signal signal : signals) {
            sendSignal(signal);
        }
        SliceEnd end = SliceEnd.of("monitor", "trading.signals", time, signals.length);
        amqp.send("trading.signals", end.id(), "slice-end", JsonCodec.encode(end));
    }

    /** A signal on {@code trading.signals}, message-id = signal id. */
    void sendSignal(Signal signal) {
        amqp.send("trading.signals", signal.id(), "signal", JsonCodec.encode(signal));
    }

    /** The order service has processed slice {@code time}: its slice-end on {@code trading.fills}. */
    void ordersClose(Instant time) {
        SliceEnd end = SliceEnd.of("orders", "trading.fills", time, 0);
        amqp.send("trading.fills", end.id(), "slice-end", JsonCodec.encode(end));
    }

    /** An order status change for {@link AmqpTestClient#sendTogether}. */
    static AmqpTestClient.Outgoing orderStatusMessage(String orderId, String symbol, OrderStatus status, Instant time) {
        OrderStatusEvent event = new OrderStatusEvent(orderId + "|" + status, orderId, ACCOUNT, symbol, status,
                BigDecimal.ZERO, null, null, time);
        return new AmqpTestClient.Outgoing(event.id(), "order-status", JsonCodec.encode(event));
    }

    /** The order service's slice-end for {@link AmqpTestClient#sendTogether}. */
    static AmqpTestClient.Outgoing ordersSliceEndMessage(Instant time) {
        SliceEnd end = SliceEnd.of("orders", "trading.fills", time, 0);
        return new AmqpTestClient.Outgoing(end.id(), "slice-end", JsonCodec.encode(end));
    }

    /** The message id of the order service's slice-end of {@code time}. */
    static String ordersSliceEnd(Instant time) {
        return SliceEnd.of("orders", "trading.fills", time, 0).id();
    }

    /** An order status change on {@code trading.fills}. */
    void orderStatus(String orderId, String symbol, OrderStatus status, Instant time) {
        OrderStatusEvent event = new OrderStatusEvent(orderId + "|" + status, orderId, ACCOUNT, symbol, status,
                BigDecimal.ZERO, null, null, time);
        amqp.send("trading.fills", event.id(), "order-status", JsonCodec.encode(event));
    }

    /** The portfolio's snapshot on {@code portfolio.updates}. */
    void snapshot(PortfolioSnapshot snapshot) {
        amqp.send("portfolio.updates", "snapshot|" + snapshot.accountId() + "|" + snapshot.asOf(), "snapshot",
                JsonCodec.encode(snapshot));
    }

    /** A whole slice, in the order the stages produce it: orders' watermark, signals and watermark, snapshot. */
    void slice(PortfolioSnapshot snapshot, Signal... signals) {
        ordersClose(snapshot.asOf());
        monitorSlice(snapshot.asOf(), signals);
        snapshot(snapshot);
    }

    /** The router's slice-end id for {@code time}. */
    static String routerSliceEnd(Instant time) {
        return "router|trading.orders|" + time;
    }
}
