package dev.papertrader.order;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.SliceEnd;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Plays the monitor and the router around the order service under test: bars and watermarks on market.bars, orders
 * and watermarks on trading.orders. The service keeps one timeline for the whole test run, so every test asks for
 * fresh slices after the last one processed.
 */
final class SliceDriver {

    static final Instant FIRST_SLICE = Instant.parse("2013-01-02T00:00:00Z");

    private final AmqpTestClient amqp;

    SliceDriver(AmqpTestClient amqp) {
        this.amqp = amqp;
    }

    /**
     * The first slice after everything processed so far; first closes the router's side of the last slice, so that
     * the new slice can be processed as soon as the monitor closes it.
     */
    Instant freshSlice() {
        JsonPath status = status();
        String last = status.getString("lastSlice");
        if (last == null) {
            return FIRST_SLICE;
        }
        Instant lastSlice = Instant.parse(last);
        String closed = status.getString("routerClosedThrough");
        if (closed == null || Instant.parse(closed).isBefore(lastSlice)) {
            routerClose(lastSlice, 0);
        }
        return lastSlice.plus(1, ChronoUnit.DAYS);
    }

    static Bar bar(String symbol, Instant time, String open) {
        BigDecimal price = new BigDecimal(open);
        return new Bar(symbol, "1d", time, price, price.add(new BigDecimal("2")), price.subtract(new BigDecimal("2")),
                price, new BigDecimal("1000000"));
    }

    /** The monitor publishes slice {@code time}: its bars, then its slice-end counting them. */
    void monitorSlice(Instant time, Bar... bars) {
        monitorSlice(time, null, bars);
    }

    /** As {@link #monitorSlice(Instant, Bar...)}, the slice-end naming {@code previous} as the slice before. */
    void monitorSlice(Instant time, Instant previous, Bar... bars) {
        for (Bar bar : bars) {
            amqp.send("market.bars", bar.id(), "bar", JsonCodec.encode(bar));
        }
        SliceEnd end = SliceEnd.of("monitor", "market.bars", time, bars.length, previous);
        amqp.send("market.bars", end.id(), "slice-end", JsonCodec.encode(end));
    }

    /** The router closes slice {@code time} after {@code orders} orders. */
    void routerClose(Instant time, int orders) {
        SliceEnd end = SliceEnd.of("router", "trading.orders", time, orders);
        amqp.send("trading.orders", end.id(), "slice-end", JsonCodec.encode(end));
    }

    void sendOrder(Order order) {
        amqp.send("trading.orders", order.id(), "order", JsonCodec.encode(order));
    }

    /** Waits until the service has processed slice {@code time}. */
    void awaitProcessed(Instant time) {
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        while (true) {
            String last = status().getString("lastSlice");
            if (last != null && !Instant.parse(last).isBefore(time)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("slice " + time + " not processed within " + AmqpTestClient.TIMEOUT
                        + "; engine: " + status().prettify());
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** A monitor slice, processed. */
    void processSlice(Instant time, Bar... bars) {
        monitorSlice(time, bars);
        awaitProcessed(time);
    }

    static JsonPath status() {
        return asTrader().get("/api/orders/engine").then().statusCode(200).extract().jsonPath();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
