package dev.papertrader.portfolio;

import static dev.papertrader.portfolio.PortfolioTestSupport.FILLS;
import static dev.papertrader.portfolio.PortfolioTestSupport.awaitSnapshot;
import static dev.papertrader.portfolio.PortfolioTestSupport.bar;
import static dev.papertrader.portfolio.PortfolioTestSupport.client;
import static dev.papertrader.portfolio.PortfolioTestSupport.fill;
import static dev.papertrader.portfolio.PortfolioTestSupport.monitorSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.nextSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.openAccount;
import static dev.papertrader.portfolio.PortfolioTestSupport.ordersSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.rows;
import static dev.papertrader.portfolio.PortfolioTestSupport.unique;
import static dev.papertrader.portfolio.PortfolioTestSupport.updates;
import static dev.papertrader.localstack.testing.ApiRequests.asViewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.portfolio.engine.PortfolioEngineState;
import dev.papertrader.portfolio.service.PortfolioService;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service end to end on a real PostgreSQL and Artemis: bars, fills and both stages' slice-ends sent with an AMQP
 * client as the monitor and the order service send them; snapshots read from the router's queue; rows read from the
 * portfolio schema.
 */
@QuarkusTest
@PortfolioServiceTestProfile
class PortfolioFlowTests {

    @Inject
    Pool pool;

    @Inject
    PortfolioService service;

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Test
    void aRoundTripIsBookedIntoTradesPositionsPortfolioAndEquityCurveAndPublished() {
        String account = unique("round-trip-");
        String symbol = unique("RT");
        openAccount(account, "10000");
        Instant buyAt = nextSlice();
        Instant sellAt = nextSlice();

        monitorSlice(buyAt, bar(symbol, buyAt, "104"));
        ordersSlice(buyAt, fill(account, symbol, Side.BUY, "10", "100", "1", buyAt));
        PortfolioSnapshot afterBuy = awaitSnapshot(account, buyAt);
        // cash 10000 − (10 × 100 + 1) = 8999; equity 8999 + 10 × 104 = 10039
        assertThat(afterBuy.cash()).isEqualByComparingTo("8999");
        assertThat(afterBuy.equity()).isEqualByComparingTo("10039");
        assertThat(afterBuy.positionQty(symbol)).isEqualByComparingTo("10");
        List<Row> positions = rows(pool, "select * from paper_positions where account_id = $1", account);
        assertThat(positions).singleElement().satisfies(row -> {
            assertThat(row.getString("symbol")).isEqualTo(symbol);
            assertThat(row.getBigDecimal("qty")).isEqualByComparingTo("10");
            assertThat(row.getBigDecimal("avg_cost")).isEqualByComparingTo("100");
            assertThat(row.getBigDecimal("market_price")).isEqualByComparingTo("104");
            assertThat(row.getBigDecimal("unrealized_pnl")).isEqualByComparingTo("40");
            assertThat(row.getBigDecimal("realized_pnl")).isEqualByComparingTo("-1");
        });

        monitorSlice(sellAt, bar(symbol, sellAt, "111"));
        Fill sell = fill(account, symbol, Side.SELL, "10", "110", "1.1", sellAt);
        ordersSlice(sellAt, sell);
        PortfolioSnapshot afterSell = awaitSnapshot(account, sellAt);

        // cash 8999 + 10 × 110 − 1.1 = 10097.9; the trade's pnl (110 − 100) × 10 − 1 − 1.1 = 97.9
        assertThat(afterSell.cash()).isEqualByComparingTo("10097.9");
        assertThat(afterSell.equity()).isEqualByComparingTo("10097.9");
        assertThat(afterSell.asOf()).isEqualTo(sellAt);
        assertThat(afterSell.positions()).isEmpty();
        assertThat(rows(pool, "select * from paper_trades where account_id = $1", account)).singleElement()
                .satisfies(row -> {
                    assertThat(row.getString("symbol")).isEqualTo(symbol);
                    assertThat(row.getString("direction")).isEqualTo("LONG");
                    assertThat(row.getBigDecimal("qty")).isEqualByComparingTo("10");
                    assertThat(row.getBigDecimal("entry_price")).isEqualByComparingTo("100");
                    assertThat(row.getBigDecimal("exit_price")).isEqualByComparingTo("110");
                    assertThat(row.getBigDecimal("fees")).isEqualByComparingTo("2.1");
                    assertThat(row.getBigDecimal("pnl")).isEqualByComparingTo("97.9");
                    assertThat(row.getOffsetDateTime("entry_time").toInstant()).isEqualTo(buyAt);
                    assertThat(row.getOffsetDateTime("exit_time").toInstant()).isEqualTo(sellAt);
                    assertThat(row.getString("exit_fill_id")).isEqualTo(sell.id());
                });
        assertThat(rows(pool, "select * from paper_positions where account_id = $1", account)).isEmpty();
        assertThat(rows(pool, "select * from paper_portfolio where account_id = $1", account)).singleElement()
                .satisfies(row -> {
                    assertThat(row.getBigDecimal("cash")).isEqualByComparingTo("10097.9");
                    assertThat(row.getBigDecimal("equity")).isEqualByComparingTo("10097.9");
                    assertThat(row.getBigDecimal("realized_pnl")).isEqualByComparingTo("97.9");
                    assertThat(row.getBigDecimal("peak_equity")).isEqualByComparingTo("10097.9");
                    assertThat(row.getOffsetDateTime("as_of").toInstant()).isEqualTo(sellAt);
                });
        List<Row> curve = rows(pool, "select time, equity, cash from equity_curve where account_id = $1"
                + " and time in ($2, $3) order by time", account, utc(buyAt), utc(sellAt));
        assertThat(curve).extracting(row -> row.getBigDecimal("equity").stripTrailingZeros().toPlainString())
                .containsExactly("10039", "10097.9");
        assertThat(rows(pool, "select fill_id from booked_fills where account_id = $1 order by seq", account))
                .hasSize(2);
    }

    @Test
    void aSliceIsNotMarkedBeforeTheOrderServiceClosedIt() {
        String account = unique("late-");
        String symbol = unique("LT");
        openAccount(account, "5000");
        Instant time = nextSlice();

        monitorSlice(time, bar(symbol, time, "20"));
        Fill buy = fill(account, symbol, Side.BUY, "5", "19", "0", time);
        client().send(FILLS, buy);
        client().send(FILLS, new OrderStatusEvent(unique("status-"), buy.orderId(), account, symbol,
                OrderStatus.FILLED, new BigDecimal("5"), new BigDecimal("19"), null, time));

        String snapshotId = "snapshot|" + account + "|" + time;
        assertThat(updates().await(message -> snapshotId.equals(message.id()), Duration.ofMillis(1500)))
                .as("no snapshot before the order service's slice-end").isEmpty();
        assertThat(rows(pool, "select * from equity_curve where account_id = $1 and time = $2", account, utc(time)))
                .isEmpty();
        assertThat(rows(pool, "select * from booked_fills where fill_id = $1", buy.id())).isEmpty();

        client().send(FILLS, SliceEnd.of("orders", FILLS, time, 2));
        PortfolioSnapshot snapshot = awaitSnapshot(account, time);

        // cash 5000 − 5 × 19 = 4905; equity 4905 + 5 × 20 = 5005
        assertThat(snapshot.cash()).isEqualByComparingTo("4905");
        assertThat(snapshot.equity()).isEqualByComparingTo("5005");
        assertThat(rows(pool, "select equity from equity_curve where account_id = $1 and time = $2", account,
                utc(time))).singleElement().satisfies(row -> assertThat(row.getBigDecimal("equity"))
                        .isEqualByComparingTo("5005"));
    }

    @Test
    void aFillDeliveredAgainHasNoSecondEffect() {
        String account = unique("dup-");
        String symbol = unique("DP");
        openAccount(account, "1000");
        Instant first = nextSlice();
        Instant second = nextSlice();

        monitorSlice(first, bar(symbol, first, "10"));
        Fill buy = fill(account, symbol, Side.BUY, "10", "10", "1", first);
        client().send(FILLS, buy);
        client().send(FILLS, buy);   // again while the first delivery waits for its slice
        ordersSlice(first);
        assertThat(awaitSnapshot(account, first).cash()).isEqualByComparingTo("899");

        client().send(FILLS, buy);   // again after its slice was committed
        monitorSlice(second, bar(symbol, second, "11"));
        ordersSlice(second);
        PortfolioSnapshot after = awaitSnapshot(account, second);

        assertThat(after.cash()).isEqualByComparingTo("899");
        assertThat(after.positionQty(symbol)).isEqualByComparingTo("10");
        assertThat(rows(pool, "select * from booked_fills where fill_id = $1", buy.id())).hasSize(1);
    }

    @Test
    void aFillForAnUnknownAccountIsDeadLetteredAndTheNextOneIsStillBooked() {
        String account = unique("known-");
        String symbol = unique("DL");
        openAccount(account, "1000");
        Instant time = nextSlice();
        AmqpTestClient.Inbox deadLetters = client().receive("dead.letters");
        try {
            Fill ghost = fill("ghost-account", symbol, Side.BUY, "1", "10", "0", time);
            Fill good = fill(account, symbol, Side.BUY, "2", "10", "0", time);
            monitorSlice(time, bar(symbol, time, "12"));
            client().send(FILLS, ghost);
            client().send(FILLS, good);
            client().send(FILLS, SliceEnd.of("orders", FILLS, time, 1));

            PortfolioSnapshot snapshot = awaitSnapshot(account, time);
            assertThat(snapshot.cash()).isEqualByComparingTo("980");
            assertThat(snapshot.positionQty(symbol)).isEqualByComparingTo("2");

            AmqpMessage dead = deadLetters.await(message -> message.applicationProperties() != null
                    && ghost.id().equals(message.applicationProperties().getString("original-id")));
            assertThat(dead.applicationProperties().getString("reason")).contains("ghost-account").contains("not open");
            assertThat(dead.applicationProperties().getString("original-address")).isEqualTo(FILLS);
            assertThat(JsonCodec.decode(AmqpTestClient.text(dead), Fill.class)).isEqualTo(ghost);
            assertThat(rows(pool, "select reason from dead_letters where message_id = $1", ghost.id())).hasSize(1);
            assertThat(rows(pool, "select * from booked_fills where fill_id = $1", ghost.id())).isEmpty();

            // Operators see it in the API and count it in the metrics.
            asViewer().queryParam("consumer", PortfolioService.FILLS_CONSUMER).get("/api/portfolio/dead-letters").then()
                    .statusCode(200)
                    .body("items.find { it.messageId == '" + ghost.id() + "' }.reason", containsString("not open"))
                    .body("items.find { it.messageId == '" + ghost.id() + "' }.type", equalTo("fill"))
                    .body("items.find { it.messageId == '" + ghost.id() + "' }.body", containsString(ghost.orderId()));
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("papertrader_dead_letters_total{consumer=\"" + PortfolioService.FILLS_CONSUMER + "\""));
        } finally {
            deadLetters.close();
        }
    }

    @Test
    void theEngineRestoredFromItsSavedStateCarriesOnAndTheStateStaysSmall() {
        String account = unique("restore-");
        String symbol = unique("RS");
        openAccount(account, "2000");
        Instant open = nextSlice();
        Instant close = nextSlice();

        monitorSlice(open, bar(symbol, open, "50"));
        ordersSlice(open, fill(account, symbol, Side.SELL, "4", "50", "0.5", open));
        assertThat(awaitSnapshot(account, open).cash()).isEqualByComparingTo("2199.5");

        service.reloadEngine().await().atMost(Duration.ofSeconds(10));

        monitorSlice(close, bar(symbol, close, "44"));
        ordersSlice(close, fill(account, symbol, Side.BUY, "4", "45", "0.5", close));
        PortfolioSnapshot after = awaitSnapshot(account, close);

        // short 4 @ 50, covered @ 45: cash 2000 + 200 − 0.5 − 180 − 0.5 = 2019; pnl 5 × 4 − 1 = 19
        assertThat(after.cash()).isEqualByComparingTo("2019");
        assertThat(after.equity()).isEqualByComparingTo("2019");
        assertThat(rows(pool, "select direction, pnl from paper_trades where account_id = $1", account))
                .singleElement().satisfies(row -> {
                    assertThat(row.getString("direction")).isEqualTo("SHORT");
                    assertThat(row.getBigDecimal("pnl")).isEqualByComparingTo("19");
                });
        String saved = rows(pool, "select state from engine_state where key = $1", PortfolioService.ENGINE_KEY)
                .getFirst().getString("state");
        PortfolioEngineState state = JsonCodec.decode(saved, PortfolioEngineState.class);
        assertThat(state.lastSlice()).isEqualTo(close);
        assertThat(state.accounts()).allSatisfy(saved1 -> {
            assertThat(saved1.trades()).as("trades live in paper_trades").isEmpty();
            assertThat(saved1.equityCurve()).as("the curve lives in equity_curve").hasSizeLessThanOrEqualTo(3);
        });
    }

    @Test
    void barsAndWatermarksOfAProcessedSliceAreDeadLettered() {
        String symbol = unique("PS");
        Instant time = nextSlice();
        monitorSlice(time, bar(symbol, time, "5"));
        ordersSlice(time);
        awaitSnapshot("default", time);

        String lateSymbol = unique("PS");   // a bar not seen before (a repeated one is skipped by the inbox)
        client().send(PortfolioTestSupport.BARS, bar(lateSymbol, time, "6"));
        SliceEnd again = SliceEnd.of("orders", FILLS, time, 0);
        client().send(FILLS, new SliceEnd(again.id() + "|again", "orders", time, 0));

        assertThat(awaitRows("select reason from dead_letters where message_id = $1", lateSymbol + "|1d|" + time))
                .singleElement().satisfies(row -> assertThat(row.getString("reason")).contains("after its slice"));
        assertThat(awaitRows("select reason from dead_letters where message_id = $1", again.id() + "|again"))
                .singleElement().satisfies(row -> assertThat(row.getString("reason")).contains("was processed"));
    }

    /** Rows of a query once there are some, waiting up to 10 s. */
    private List<Row> awaitRows(String sql, Object... parameters) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Row> found = rows(pool, sql, parameters);
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
