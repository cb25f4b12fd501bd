package dev.papertrader.router;

import static dev.papertrader.router.Upstream.buy;
import static dev.papertrader.router.Upstream.flat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.core.router.SignalRouter;
import dev.papertrader.router.AmqpTestClient.Received;
import dev.papertrader.router.service.RouterService;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The router's duplicate memory is not stored in its engine state but rebuilt from the {@code decisions} rows: after
 * the engine is reloaded from the database (as after a failed transaction or a restart), a signal id decided before is
 * still a duplicate, an accepted signal still suppresses the same symbol, type and bar from another strategy, and a
 * signal older than the duplicate window (7 days by default) is forgotten as by the router that kept running.
 */
@QuarkusTest
@RouterTestProfile
@Order(1) // before RouterBeforeRestartTests, the first boot's last class: this one leaves no order open
class RouterDuplicateMemoryTests extends RouterTestSupport {

    private static final String OTHER_STRATEGY = "other-strategy";

    @Inject
    RouterService service;

    @Inject
    Pool pool;

    /** The router's stored engine state, as JSON. */
    private String storedState() {
        return pool.preparedQuery("select state from engine_state where key = $1")
                .execute(Tuple.of(RouterService.stateKey(Upstream.ACCOUNT))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("state");
    }

    private void reload() {
        service.reloadEngine().await().atMost(Duration.ofSeconds(10));
    }

    private static Signal fromOtherStrategy(String id, String symbol, Instant barTime) {
        return new Signal(id, OTHER_STRATEGY, symbol, SignalType.BUY, BigDecimal.ONE, barTime, new BigDecimal("10"),
                barTime.plusSeconds(60), null);
    }

    /** A signal sent under another message id, so that the inbox does not take it for a redelivery. */
    private static void sendAgain(Signal signal, String messageId) {
        amqp.send("trading.signals", messageId, "signal", JsonCodec.encode(signal));
    }

    /** The decision about {@code signalId} with rule {@code rule} on {@code trading.decisions}, waiting for it. */
    private static JsonObject decisionMessage(String signalId, String rule) {
        return decisions.first(m -> signalId.equals(m.json().getString("signalId"))
                && rule.equals(m.json().getString("rule"))).json();
    }

    /**
     * Sends a late signal the router rejects ({@code long-only}) and waits for its decision: the signals sent before it
     * on {@code trading.signals} have been decided then.
     */
    private static void afterTheSignalsSentSoFar(String marker, Instant barTime) {
        Signal mark = Upstream.sell(marker, barTime, "10");
        upstream.sendSignal(mark);
        assertThat(decisionMessage(mark.id(), "long-only").getString("symbol")).isEqualTo(marker);
    }

    /** The ids of the orders the router counts as open, in {@code status}. */
    private static List<String> openOrders(JsonNode status) {
        List<String> ids = new ArrayList<>();
        status.get("openOrders").forEach(order -> ids.add(order.get("orderId").asText()));
        return ids;
    }

    private static List<String> openOrders() {
        return openOrders(getJson("/api/router/status"));
    }

    /*
     * A duplicate rejection of a signal id leaves no trace outside the router: its decision has the id of the first
     * decision about the signal, so neither the decisions table nor the outbox take it again. What would show a
     * forgotten id is its effect: decided anew and accepted, the signal's order counts as open again, and a slice's
     * router slice-end counts it.
     */

    @Test
    void theStoredStateHoldsNoDecidedSignalYetAReloadedRouterStillRejectsTheirDuplicates() {
        Instant t1 = nextSlice();
        Signal accepted = buy("DUPMEM", t1, "10");
        Signal rejected = Upstream.sell("DUPMEM-SHORT", t1, "10"); // long-only: a SELL while flat is rejected
        upstream.slice(flat("10000", t1), accepted, rejected);
        Received order = ordersThroughSliceEnd(t1, "DUPMEM").get(0);
        assertThat(order.type()).isEqualTo("order");
        assertThat(decisionsOf("DUPMEM-SHORT").get(0).get("rule").asText()).isEqualTo("long-only");
        Instant t2 = nextSlice();
        upstream.slice(flat("10000", t2), buy("DUPMEM-NEXT", t2, "10"));
        Received next = ordersThroughSliceEnd(t2, "DUPMEM-NEXT").get(0);
        upstream.orderStatus(order.id(), "DUPMEM", OrderStatus.CANCELED, t2);
        upstream.orderStatus(next.id(), "DUPMEM-NEXT", OrderStatus.CANCELED, t2);
        statusWhen(status -> !openOrders(status).contains(order.id()) && !openOrders(status).contains(next.id()));

        String state = storedState();
        assertThat(state).doesNotContain(accepted.id()).doesNotContain(rejected.id())
                .contains(t2.toString()); // it is the state of the last slice

        reload();

        // Late signals (their bar was decided): the accepted one again, then its key from another strategy.
        sendAgain(accepted, "again-" + accepted.id());
        Signal sameKey = fromOtherStrategy("other-" + accepted.id(), "DUPMEM", t1);
        upstream.sendSignal(sameKey);
        assertThat(decisionMessage(sameKey.id(), "duplicate").getString("reason"))
                .isEqualTo("BUY DUPMEM at " + t1 + " was already accepted from strategy " + Upstream.STRATEGY);
        // Decided anew, the accepted signal would have opened its order again.
        assertThat(openOrders()).doesNotContain(order.id());

        // After another reload, in a new slice: a BUY reusing the id of the rejected SELL.
        reload();
        Instant t3 = nextSlice();
        Signal reusedId = fromOtherStrategy(rejected.id(), "DUPMEM-REUSED", t3);
        upstream.ordersClose(t3);
        sendAgain(reusedId, "reused-" + rejected.id());
        SliceEnd end = SliceEnd.of("monitor", "trading.signals", t3, 1);
        amqp.send("trading.signals", end.id(), "slice-end", JsonCodec.encode(end));
        upstream.snapshot(flat("10000", t3));
        List<Received> out = ordersThroughSliceEnd(t3, "DUPMEM-REUSED");
        assertThat(out).extracting(Received::type).containsExactly("slice-end");
        assertThat(out.get(0).json().getInteger("count")).isZero();
        assertThat(openOrders()).doesNotContain(SignalRouter.orderId(Upstream.ACCOUNT, rejected.id()));

        // The stored decisions: the first about each signal id; the later ones about a decided id are not stored.
        assertThat(decisionsOf("DUPMEM")).extracting(d -> d.get("rule").asText())
                .containsExactly("duplicate", "accepted");
        assertThat(decisionsOf("DUPMEM-REUSED")).isEmpty();
        assertThat(storedState()).doesNotContain(accepted.id()).doesNotContain(rejected.id())
                .doesNotContain(sameKey.id());
    }

    @Test
    void aReloadedRouterForgetsASignalOlderThanTheDuplicateWindowAsTheRunningOneDoes() {
        Instant old = nextSlice();
        Signal first = buy("DUPMEM-OLD", old, "10");
        upstream.slice(flat("10000", old), first);
        Received order = ordersThroughSliceEnd(old, "DUPMEM-OLD").get(0);
        upstream.orderStatus(order.id(), "DUPMEM-OLD", OrderStatus.CANCELED, old);
        Instant within = old;
        while (within.isBefore(old.plus(Duration.ofDays(7)))) {
            within = nextSlice();
        }
        // 7 days after the first: still within the window
        upstream.slice(flat("10000", within), buy("DUPMEM-WITHIN", within, "10"));
        Received withinOrder = ordersThroughSliceEnd(within, "DUPMEM-WITHIN").get(0);
        upstream.orderStatus(withinOrder.id(), "DUPMEM-WITHIN", OrderStatus.CANCELED, within);
        statusWhen(status -> !openOrders(status).contains(withinOrder.id()));
        reload();
        sendAgain(first, "within-" + first.id());
        afterTheSignalsSentSoFar("DUPMEM-MARK", within);
        assertThat(openOrders()).doesNotContain(order.id());

        // 8 days after the first: the window has moved past it, it is decided anew (and accepted)
        Instant after = nextSlice();
        upstream.slice(flat("10000", after), buy("DUPMEM-AFTER", after, "10"));
        Received afterOrder = ordersThroughSliceEnd(after, "DUPMEM-AFTER").get(0);
        upstream.orderStatus(afterOrder.id(), "DUPMEM-AFTER", OrderStatus.CANCELED, after);
        reload();
        sendAgain(first, "after-" + first.id());
        afterTheSignalsSentSoFar("DUPMEM-MARK", after);

        assertThat(openOrders()).contains(order.id()); // the same signal id, so the same order id
        // Cancelled again: an event of its own (the first cancellation's id was consumed already)
        OrderStatusEvent cancel = new OrderStatusEvent(order.id() + "|CANCELED|again", order.id(), Upstream.ACCOUNT,
                "DUPMEM-OLD", OrderStatus.CANCELED, BigDecimal.ZERO, null, null, after);
        amqp.send("trading.fills", cancel.id(), "order-status", JsonCodec.encode(cancel));
        statusWhen(status -> !openOrders(status).contains(order.id()));
        assertThat(decisionsOf("DUPMEM-OLD")).hasSize(1); // the first decision about the id is the one kept
    }
}
