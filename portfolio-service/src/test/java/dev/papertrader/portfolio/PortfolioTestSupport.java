package dev.papertrader.portfolio;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.localstack.LocalInfraTestResource;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the portfolio's {@code @QuarkusTest}s share: one AMQP client and one receiver on the router's snapshot queue
 * for the JVM, a clock of slices (the service's engine only goes forward, and every test class of the JVM talks to
 * the same service and database), and senders that play the monitor and the order service.
 */
final class PortfolioTestSupport {

    static final String BARS = "market.bars";
    static final String FILLS = "trading.fills";
    static final String UPDATES_FOR_ROUTER = "portfolio.updates::portfolio.updates.router";

    private static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");
    private static final AtomicInteger SLICES = new AtomicInteger();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static AmqpTestClient client;
    private static AmqpTestClient.Inbox updates;

    private PortfolioTestSupport() {
    }

    /** A slice after every slice used so far in this JVM (one a day). */
    static Instant nextSlice() {
        return BASE.plus(Duration.ofDays(SLICES.incrementAndGet()));
    }

    /** A name unique in this JVM, e.g. for an account or a symbol. */
    static String unique(String prefix) {
        return prefix + IDS.incrementAndGet();
    }

    static synchronized AmqpTestClient client() {
        if (client == null) {
            client = new AmqpTestClient(LocalInfraTestResource.amqpHost(), LocalInfraTestResource.amqpPort());
        }
        return client;
    }

    /** The snapshots published for the router. */
    static synchronized AmqpTestClient.Inbox updates() {
        if (updates == null) {
            updates = client().receive(UPDATES_FOR_ROUTER);
        }
        return updates;
    }

    static Bar bar(String symbol, Instant openTime, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar(symbol, "1d", openTime, c, c, c, c, new BigDecimal("1000"));
    }

    static Fill fill(String account, String symbol, Side side, String qty, String price, String fee, Instant at) {
        String id = unique("fill-");
        return new Fill(id, "order-" + id, account, symbol, side, new BigDecimal(qty), new BigDecimal(price),
                new BigDecimal(fee), at);
    }

    /** The monitor's part of a slice: its bars, then its slice-end. */
    static void monitorSlice(Instant time, Bar... bars) {
        for (Bar bar : bars) {
            client().send(BARS, bar);
        }
        client().send(BARS, SliceEnd.of("monitor", BARS, time, bars.length));
    }

    /** The order service's part of a slice: its fills, then its slice-end. */
    static void ordersSlice(Instant time, Fill... fills) {
        for (Fill fill : fills) {
            client().send(FILLS, fill);
        }
        client().send(FILLS, SliceEnd.of("orders", FILLS, time, fills.length));
    }

    /** The snapshot of {@code account} as of {@code time}, waiting for it on the router's queue. */
    static PortfolioSnapshot awaitSnapshot(String account, Instant time) {
        return JsonCodec.decode(AmqpTestClient.text(updates().awaitId("snapshot|" + account + "|" + time)),
                PortfolioSnapshot.class);
    }

    /** Opens an account through REST. */
    static void openAccount(String account, String startingCash) {
        asTrader().contentType(ContentType.JSON)
                .body("{\"accountId\":\"" + account + "\",\"startingCash\":" + startingCash + "}")
                .post("/api/portfolio/accounts").then().statusCode(201);
    }

    /** The rows of a query on the service's schema. */
    static List<Row> rows(Pool pool, String sql, Object... parameters) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(10))
                .forEach(rows::add);
        return rows;
    }
}
