package dev.papertrader.router;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static dev.papertrader.localstack.testing.ApiRequests.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.router.AmqpTestClient.Received;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Alpaca API end to end in the router: keys, authentication, orders through the risk checks onto
 * {@code trading.orders}, status from the order service's events, account and positions from the snapshot, and the
 * {@code trade_updates} WebSocket. One slice (at {@link #slice}) holding 10 ALPH at 50 with 10 000 cash, and bars of
 * ALPH and ALPB, set the market up first.
 */
@QuarkusTest
@RouterTestProfile
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlpacaApiTests extends RouterTestSupport {

    private static Instant slice;
    private static String keyId;
    private static String secret;

    @TestHTTPResource("/stream")
    URI stream;

    @Inject
    Pool pool;

    /** Keys, bars and the slice: once per class. */
    private static synchronized void market() {
        if (slice != null) {
            return;
        }
        JsonNode key = json(asTrader().contentType(ContentType.JSON).body("{\"accountId\":\"default\"}")
                .post("/api/router/alpaca/keys").then().statusCode(201).extract().asString());
        keyId = key.get("keyId").asText();
        secret = key.get("secretKey").asText();
        slice = nextSlice();
        for (Bar bar : List.of(bar("ALPH", "50"), bar("ALPB", "20"))) {
            amqp.send("market.bars", bar.id(), "bar", JsonCodec.encode(bar));
        }
        closeBars(slice, 2);
        PositionSnapshot held = new PositionSnapshot("ALPH", new BigDecimal("10"), new BigDecimal("45"),
                new BigDecimal("50"), new BigDecimal("500"), new BigDecimal("50"), BigDecimal.ZERO);
        upstream.slice(new PortfolioSnapshot(Upstream.ACCOUNT, new BigDecimal("10000"), new BigDecimal("10500"),
                new BigDecimal("10500"), new BigDecimal("10400"), List.of(held), slice));
        ordersThroughSliceEnd(slice);
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        while (alpaca().get("/v2/assets/ALPB").statusCode() != 200) {
            assertThat(System.nanoTime()).as("the bars reach the router").isLessThan(deadline);
            sleep(50);
        }
    }

    private static Bar bar(String symbol, String close) {
        return bar(symbol, close, slice);
    }

    private static Bar bar(String symbol, String close, Instant time) {
        BigDecimal price = new BigDecimal(close);
        return new Bar(symbol, "1d", time, price, price, price, price, BigDecimal.TEN);
    }

    /** The monitor's slice-end on market.bars, which lets the router commit the slice's bars. */
    private static String closeBars(Instant time, int bars) {
        SliceEnd end = SliceEnd.of("monitor", "market.bars", time, bars);
        amqp.send("market.bars", end.id(), "slice-end", JsonCodec.encode(end));
        return end.id();
    }

    private static RequestSpecification alpaca() {
        return RestAssured.given().header("APCA-API-KEY-ID", keyId).header("APCA-API-SECRET-KEY", secret)
                .accept(ContentType.JSON);
    }

    private static Response post(String body) {
        return alpaca().contentType(ContentType.JSON).body(body).post("/v2/orders");
    }

    private static JsonNode placed(String body) {
        return json(post(body).then().statusCode(200).extract().asString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The core orders with these ids on trading.orders, in arrival order, waiting for all of them. */
    private static List<JsonNode> published(String... ids) {
        List<String> wanted = List.of(ids);
        Predicate<Received> isWanted = m -> "order".equals(m.type()) && wanted.contains(m.json().getString("id"));
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        List<Received> got = orders.during(Duration.ofMillis(50), isWanted);
        while (got.size() < wanted.size()) {
            assertThat(System.nanoTime()).as("orders " + wanted + " on trading.orders").isLessThan(deadline);
            got = orders.during(Duration.ofMillis(100), isWanted);
        }
        return got.stream().map(m -> json(m.body())).toList();
    }

    private static JsonNode order(String id) {
        return json(alpaca().get("/v2/orders/" + id).then().statusCode(200).extract().asString());
    }

    private static JsonNode orderWhen(String id, String status) {
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        JsonNode order = order(id);
        while (!order.get("status").asText().equals(status)) {
            assertThat(System.nanoTime()).as("order " + id + " becomes " + status + "; last " + order)
                    .isLessThan(deadline);
            sleep(50);
            order = order(id);
        }
        return order;
    }

    @Test
    @Order(1)
    void keysAreCreatedListedAndRevoked() {
        market();
        assertThat(keyId).matches("PK[A-Z0-9]{18}");
        assertThat(secret).matches("[A-Za-z0-9]{40}");
        JsonNode created = json(asTrader().contentType(ContentType.JSON).body("{\"accountId\":\"default\"}")
                .post("/api/router/alpaca/keys").then().statusCode(201).extract().asString());
        String other = created.get("keyId").asText();
        JsonNode listed = json(asViewer().get("/api/router/alpaca/keys").then().statusCode(200).extract().asString());
        assertThat(listed.findValuesAsText("keyId")).contains(keyId, other);
        assertThat(listed.findValues("secretKey")).isEmpty();
        RestAssured.given().header("APCA-API-KEY-ID", other).header("APCA-API-SECRET-KEY",
                created.get("secretKey").asText()).get("/v2/account").then().statusCode(200);

        asTrader().delete("/api/router/alpaca/keys/" + other).then().statusCode(204);
        asTrader().delete("/api/router/alpaca/keys/" + other).then().statusCode(404);
        Response revoked = RestAssured.given().header("APCA-API-KEY-ID", other)
                .header("APCA-API-SECRET-KEY", created.get("secretKey").asText()).get("/v2/account");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.jsonPath().getLong("code")).isEqualTo(40110000L);
        // a wrong secret for a live key
        assertThat(RestAssured.given().header("APCA-API-KEY-ID", keyId).header("APCA-API-SECRET-KEY", secret + "x")
                .get("/v2/account").statusCode()).isEqualTo(401);
        // a key only for the router's account
        asTrader().contentType(ContentType.JSON).body("{\"accountId\":\"elsewhere\"}").post("/api/router/alpaca/keys")
                .then().statusCode(400);
    }

    @Test
    @Order(2)
    void accountAndPositionsComeFromTheSnapshot() {
        market();
        JsonNode account = json(alpaca().get("/v2/account").then().statusCode(200).extract().asString());
        assertThat(account.get("cash").asText()).isEqualTo("10000");
        assertThat(account.get("equity").asText()).isEqualTo("10500");
        assertThat(account.get("portfolio_value").asText()).isEqualTo("10500");
        assertThat(account.get("last_equity").asText()).isEqualTo("10400");
        assertThat(account.get("long_market_value").asText()).isEqualTo("500");
        assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(account.get("currency").asText()).isEqualTo("USD");

        JsonNode positions = json(alpaca().get("/v2/positions").then().statusCode(200).extract().asString());
        assertThat(positions).hasSize(1);
        JsonNode position = positions.get(0);
        assertThat(position.get("symbol").asText()).isEqualTo("ALPH");
        assertThat(position.get("qty").asText()).isEqualTo("10");
        assertThat(position.get("side").asText()).isEqualTo("long");
        assertThat(position.get("avg_entry_price").asText()).isEqualTo("45");
        assertThat(position.get("cost_basis").asText()).isEqualTo("450");
        assertThat(position.get("market_value").asText()).isEqualTo("500");
        assertThat(position.get("unrealized_pl").asText()).isEqualTo("50");
        assertThat(position.get("asset_class").asText()).isEqualTo("us_equity");
        alpaca().get("/v2/positions/ALPH").then().statusCode(200);
        Response missing = alpaca().get("/v2/positions/NOPE");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.jsonPath().getString("message")).isEqualTo("position does not exist");
        assertThat(missing.jsonPath().getLong("code")).isEqualTo(40410000L);

        JsonNode clock = json(alpaca().get("/v2/clock").then().statusCode(200).extract().asString());
        assertThat(clock.get("timestamp").asText()).isEqualTo(slice.toString());
        assertThat(clock.has("is_open")).isTrue();
        assertThat(Instant.parse(clock.get("next_open").asText())).isAfter(slice);
        JsonNode history = json(alpaca().get("/v2/account/portfolio/history").then().statusCode(200).extract()
                .asString());
        assertThat(history.get("timestamp").get(history.get("timestamp").size() - 1).asLong())
                .isEqualTo(slice.getEpochSecond());
        assertThat(history.get("equity").get(history.get("equity").size() - 1).decimalValue())
                .isEqualByComparingTo("10500");
        JsonNode asset = json(alpaca().get("/v2/assets/ALPB").then().statusCode(200).extract().asString());
        assertThat(asset.get("symbol").asText()).isEqualTo("ALPB");
        assertThat(asset.get("tradable").asBoolean()).isTrue();
        alpaca().get("/v2/assets/NOPE").then().statusCode(404);
    }

    @Test
    @Order(3)
    void eachOrderTypeIsPlacedOnTradingOrders() {
        market();
        JsonNode market = placed("{\"symbol\":\"ALPB\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\",\"client_order_id\":\"alpaca-test-1\"}");
        assertThat(market.get("status").asText()).isEqualTo("accepted");
        assertThat(market.get("order_class").asText()).isEqualTo("simple");
        assertThat(market.get("type").asText()).isEqualTo("market");
        assertThat(market.get("order_type").asText()).isEqualTo("market");
        assertThat(market.get("qty").asText()).isEqualTo("2");
        assertThat(market.get("filled_qty").asText()).isEqualTo("0");
        assertThat(market.get("legs").isNull()).isTrue();
        assertThat(market.get("client_order_id").asText()).isEqualTo("alpaca-test-1");
        assertThat(market.get("created_at").asText()).isEqualTo(slice.toString());
        assertThat(market.get("asset_class").asText()).isEqualTo("us_equity");

        JsonNode limit = placed("{\"symbol\":\"ALPB\",\"qty\":3,\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":19.5,\"time_in_force\":\"gtc\"}");
        assertThat(limit.get("limit_price").asText()).isEqualTo("19.5");
        JsonNode stop = placed("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"stop\","
                + "\"stop_price\":\"21\",\"time_in_force\":\"gtc\"}");
        JsonNode stopLimit = placed("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"stop_limit\","
                + "\"stop_price\":\"21\",\"limit_price\":\"21.5\",\"time_in_force\":\"ioc\"}");
        JsonNode trailing = placed("{\"symbol\":\"ALPH\",\"qty\":\"1\",\"side\":\"sell\",\"type\":\"trailing_stop\","
                + "\"trail_percent\":\"2.5\",\"time_in_force\":\"gtc\"}");
        assertThat(trailing.get("trail_percent").asText()).isEqualTo("2.5");
        assertThat(trailing.get("trail_price").isNull()).isTrue();

        List<JsonNode> core = published(market.get("id").asText(), limit.get("id").asText(), stop.get("id").asText(),
                stopLimit.get("id").asText(), trailing.get("id").asText());
        assertThat(core).extracting(o -> o.get("type").asText())
                .containsExactly("MARKET", "LIMIT", "STOP", "STOP_LIMIT", "TRAILING_STOP");
        JsonNode first = core.get(0);
        assertThat(first.get("createdAt").asText()).isEqualTo(slice.toString());
        assertThat(first.get("accountId").asText()).isEqualTo("default");
        assertThat(first.get("qty").decimalValue()).isEqualByComparingTo("2");
        assertThat(first.get("timeInForce").asText()).isEqualTo("DAY");
        assertThat(core.get(1).get("limitPrice").decimalValue()).isEqualByComparingTo("19.5");
        assertThat(core.get(3).get("timeInForce").asText()).isEqualTo("IOC");
        assertThat(core.get(4).get("trailPercent").decimalValue()).isEqualByComparingTo("2.5");
        // the decision is recorded like a strategy's
        JsonNode decisions = getJson("/api/router/decisions", "symbol", "ALPB").get("items");
        assertThat(decisions.findValuesAsText("orderId")).contains(market.get("id").asText());
        assertThat(decisions.findValuesAsText("strategy")).contains("manual");

        // listing and reading
        JsonNode byClient = json(alpaca().urlEncodingEnabled(false).queryParam("client_order_id", "alpaca-test-1")
                .get("/v2/orders:by_client_order_id").then().statusCode(200).extract().asString());
        assertThat(byClient.get("id").asText()).isEqualTo(market.get("id").asText());
        JsonNode open = json(alpaca().queryParam("status", "open").queryParam("symbols", "ALPB").get("/v2/orders")
                .then().statusCode(200).extract().asString());
        assertThat(open.findValuesAsText("id")).contains(market.get("id").asText(), limit.get("id").asText());
        assertThat(order(stop.get("id").asText()).get("stop_price").asText()).isEqualTo("21");
        Response duplicate = post("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\",\"client_order_id\":\"alpaca-test-1\"}");
        assertThat(duplicate.statusCode()).isEqualTo(422);
        alpaca().get("/v2/orders/no-such-order").then().statusCode(404);
    }

    @Test
    @Order(4)
    void bracketOtoAndOcoBecomeLinkedCoreOrders() {
        market();
        JsonNode bracket = placed("{\"symbol\":\"ALPB\",\"qty\":\"4\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"20\",\"time_in_force\":\"gtc\",\"order_class\":\"bracket\","
                + "\"take_profit\":{\"limit_price\":\"25\"},\"stop_loss\":{\"stop_price\":\"18\",\"limit_price\":\"17.5\"}}");
        assertThat(bracket.get("order_class").asText()).isEqualTo("bracket");
        JsonNode legs = bracket.get("legs");
        assertThat(legs).hasSize(2);
        assertThat(legs.get(0).get("type").asText()).isEqualTo("limit");
        assertThat(legs.get(0).get("side").asText()).isEqualTo("sell");
        assertThat(legs.get(0).get("limit_price").asText()).isEqualTo("25");
        assertThat(legs.get(1).get("type").asText()).isEqualTo("stop_limit");
        assertThat(legs.get(1).get("stop_price").asText()).isEqualTo("18");
        String parent = bracket.get("id").asText();
        List<JsonNode> core = published(parent, legs.get(0).get("id").asText(), legs.get(1).get("id").asText());
        assertThat(core.get(0).path("parentId").isMissingNode() || core.get(0).get("parentId").isNull()).isTrue();
        assertThat(core.get(1).get("parentId").asText()).isEqualTo(parent);
        assertThat(core.get(2).get("parentId").asText()).isEqualTo(parent);
        assertThat(core.get(1).get("ocoGroup").asText()).isEqualTo(core.get(2).get("ocoGroup").asText());
        assertThat(core.get(2).get("type").asText()).isEqualTo("STOP_LIMIT");
        assertThat(order(parent).get("legs")).hasSize(2);

        JsonNode oto = placed("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\",\"order_class\":\"oto\",\"stop_loss\":{\"stop_price\":\"15\"}}");
        List<JsonNode> otoCore = published(oto.get("id").asText(), oto.get("legs").get(0).get("id").asText());
        assertThat(otoCore.get(1).get("type").asText()).isEqualTo("STOP");
        assertThat(otoCore.get(1).get("parentId").asText()).isEqualTo(oto.get("id").asText());

        // OCO: two exits of the held ALPH, no parent
        JsonNode oco = placed("{\"symbol\":\"ALPH\",\"qty\":\"5\",\"side\":\"sell\",\"type\":\"limit\","
                + "\"time_in_force\":\"gtc\",\"order_class\":\"oco\",\"take_profit\":{\"limit_price\":\"60\"},"
                + "\"stop_loss\":{\"stop_price\":\"40\"}}");
        List<JsonNode> ocoCore = published(oco.get("id").asText(), oco.get("legs").get(0).get("id").asText());
        assertThat(ocoCore).allSatisfy(o -> assertThat(o.path("parentId").isMissingNode() || o.get("parentId").isNull())
                .isTrue());
        assertThat(ocoCore.get(0).get("ocoGroup").asText()).isEqualTo(ocoCore.get(1).get("ocoGroup").asText());
        assertThat(ocoCore).extracting(o -> o.get("type").asText()).containsExactly("LIMIT", "STOP");

        Response incomplete = post("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\",\"order_class\":\"bracket\",\"take_profit\":{\"limit_price\":\"25\"}}");
        assertThat(incomplete.statusCode()).isEqualTo(422);
        assertThat(incomplete.jsonPath().getString("message")).contains("stop_loss.stop_price");
    }

    @Test
    @Order(5)
    void riskRulesAndValidationAnswerInAlpacasShape() {
        market();
        asTrader().contentType(ContentType.JSON).body("{\"reason\": \"alpaca drill\"}").post("/api/router/halt").then()
                .statusCode(200);
        try {
            Response halted = post("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                    + "\"time_in_force\":\"day\"}");
            assertThat(halted.statusCode()).isEqualTo(403);
            assertThat(halted.jsonPath().getLong("code")).isEqualTo(40310000L);
            assertThat(halted.jsonPath().getString("message")).isEqualTo("kill-switch: alpaca drill");
        } finally {
            asTrader().post("/api/router/resume").then().statusCode(200);
        }
        Response tooBig = post("{\"symbol\":\"ALPB\",\"qty\":\"100000\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}");
        assertThat(tooBig.statusCode()).isEqualTo(403);
        assertThat(tooBig.jsonPath().getString("message")).startsWith("insufficient buying power");

        Response opg = post("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"opg\"}");
        assertThat(opg.statusCode()).isEqualTo(422);
        assertThat(opg.jsonPath().getLong("code")).isEqualTo(40010001L);
        assertThat(opg.jsonPath().getString("message")).isEqualTo("time_in_force opg is not supported");
        assertThat(post("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"cls\"}").jsonPath().getString("message"))
                .isEqualTo("time_in_force cls is not supported");
        assertThat(post("{\"symbol\":\"ALPB\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\"}")
                .jsonPath().getString("message")).isEqualTo("qty or notional is required");
        assertThat(post("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"time_in_force\":\"day\"}").jsonPath().getString("message"))
                .isEqualTo("limit_price is required for limit orders");
        Response unknown = post("{\"symbol\":\"NOPE\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.jsonPath().getString("message")).isEqualTo("asset NOPE not found");
        assertThat(post("not json").statusCode()).isEqualTo(422);
    }

    @Test
    @Order(6)
    void cancelPublishesACancelRequestAndTheStatusFollowsTheOrderService() {
        market();
        JsonNode limit = placed("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"10\",\"time_in_force\":\"gtc\"}");
        String id = limit.get("id").asText();
        published(id);
        alpaca().delete("/v2/orders/" + id).then().statusCode(204);
        Received cancel = orders.first(m -> "cancel".equals(m.type()) && id.equals(m.json().getString("orderId")));
        assertThat(cancel.json().getString("accountId")).isEqualTo("default");
        assertThat(cancel.json().getString("requestedAt")).isEqualTo(slice.toString());
        assertThat(order(id).get("status").asText()).isEqualTo("pending_cancel");

        upstream.orderStatus(id, "ALPB", OrderStatus.CANCELED, slice.plusSeconds(60));
        JsonNode canceled = orderWhen(id, "canceled");
        assertThat(canceled.get("canceled_at").asText()).isEqualTo(slice.plusSeconds(60).toString());
        Response again = alpaca().delete("/v2/orders/" + id);
        assertThat(again.statusCode()).isEqualTo(422);
        alpaca().delete("/v2/orders/no-such-order").then().statusCode(404);
        JsonNode closed = json(alpaca().queryParam("status", "closed").get("/v2/orders").then().statusCode(200)
                .extract().asString());
        assertThat(closed.findValuesAsText("id")).contains(id);
    }

    @Test
    @Order(7)
    void aFillReachesTheOrderAndTheTradeUpdatesStream() throws Exception {
        market();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(stream.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"action\":\"authenticate\",\"data\":{\"key_id\":\"" + keyId
                    + "\",\"secret_key\":\"wrong\"}}", true).get(5, TimeUnit.SECONDS);
            JsonNode refused = json(frames.poll(10, TimeUnit.SECONDS));
            assertThat(refused.get("stream").asText()).isEqualTo("authorization");
            assertThat(refused.get("data").get("status").asText()).isEqualTo("unauthorized");
            socket.sendText("{\"action\":\"authenticate\",\"data\":{\"key_id\":\"" + keyId + "\",\"secret_key\":\""
                    + secret + "\"}}", true).get(5, TimeUnit.SECONDS);
            JsonNode authorized = json(frames.poll(10, TimeUnit.SECONDS));
            assertThat(authorized.get("data").get("status").asText()).isEqualTo("authorized");
            assertThat(authorized.get("data").get("action").asText()).isEqualTo("authenticate");
            socket.sendText("{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}", true)
                    .get(5, TimeUnit.SECONDS);
            JsonNode listening = json(frames.poll(10, TimeUnit.SECONDS));
            assertThat(listening.get("stream").asText()).isEqualTo("listening");
            assertThat(listening.get("data").get("streams").get(0).asText()).isEqualTo("trade_updates");

            JsonNode market = placed("{\"symbol\":\"ALPB\",\"qty\":\"2\",\"side\":\"buy\",\"type\":\"market\","
                    + "\"time_in_force\":\"day\"}");
            String id = market.get("id").asText();
            published(id);
            Instant filledAt = slice.plusSeconds(86_400);
            Fill fill = new Fill("fill-" + id, id, Upstream.ACCOUNT, "ALPB", Side.BUY, new BigDecimal("2"),
                    new BigDecimal("20.1"), BigDecimal.ZERO, filledAt);
            amqp.send("trading.fills", fill.id(), "fill", JsonCodec.encode(fill));
            OrderStatusEvent filled = new OrderStatusEvent(id + "|FILLED", id, Upstream.ACCOUNT, "ALPB",
                    OrderStatus.FILLED, new BigDecimal("2"), new BigDecimal("20.1"), null, filledAt);
            amqp.send("trading.fills", filled.id(), "order-status", JsonCodec.encode(filled));

            JsonNode update = json(frames.poll(20, TimeUnit.SECONDS));
            assertThat(update.get("stream").asText()).isEqualTo("trade_updates");
            JsonNode data = update.get("data");
            assertThat(data.get("event").asText()).isEqualTo("fill");
            assertThat(data.get("timestamp").asText()).isEqualTo(filledAt.toString());
            assertThat(data.get("price").asText()).isEqualTo("20.1");
            assertThat(data.get("qty").asText()).isEqualTo("2");
            assertThat(data.get("position_qty").asText()).isEqualTo("2");
            assertThat(data.get("order").get("id").asText()).isEqualTo(id);
            assertThat(data.get("order").get("status").asText()).isEqualTo("filled");

            JsonNode stored = order(id);
            assertThat(stored.get("status").asText()).isEqualTo("filled");
            assertThat(stored.get("filled_qty").asText()).isEqualTo("2");
            assertThat(stored.get("filled_avg_price").asText()).isEqualTo("20.1");
            assertThat(stored.get("filled_at").asText()).isEqualTo(filledAt.toString());
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(8)
    void replaceAndClosePosition() {
        market();
        JsonNode limit = placed("{\"symbol\":\"ALPB\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"limit\","
                + "\"limit_price\":\"10\",\"time_in_force\":\"gtc\"}");
        String id = limit.get("id").asText();
        JsonNode replacement = json(alpaca().contentType(ContentType.JSON).body("{\"limit_price\":\"11\",\"qty\":\"3\"}")
                .patch("/v2/orders/" + id).then().statusCode(200).extract().asString());
        assertThat(replacement.get("replaces").asText()).isEqualTo(id);
        assertThat(replacement.get("limit_price").asText()).isEqualTo("11");
        assertThat(replacement.get("qty").asText()).isEqualTo("3");
        JsonNode core = published(replacement.get("id").asText()).get(0);
        assertThat(core.get("replacesOrderId").asText()).isEqualTo(id);
        JsonNode old = order(id);
        assertThat(old.get("status").asText()).isEqualTo("pending_replace");
        assertThat(old.get("replaced_by").asText()).isEqualTo(replacement.get("id").asText());

        JsonNode close = json(alpaca().delete("/v2/positions/ALPH").then().statusCode(200).extract().asString());
        assertThat(close.get("side").asText()).isEqualTo("sell");
        assertThat(close.get("qty").asText()).isEqualTo("10");
        assertThat(close.get("type").asText()).isEqualTo("market");
        alpaca().delete("/v2/positions/NOPE").then().statusCode(404);

        Response all = alpaca().delete("/v2/orders");
        assertThat(all.statusCode()).isEqualTo(207);
        JsonNode results = json(all.asString());
        assertThat(results.findValuesAsText("id")).contains(replacement.get("id").asText(), close.get("id").asText());
        results.forEach(result -> assertThat(result.get("status").asInt()).isEqualTo(200));
    }

    @Test
    @Order(9)
    void theBarsOfASliceBecomeLastPricesInOneTransactionAtTheMonitorsSliceEnd() {
        market();
        Instant later = slice.plus(Duration.ofDays(1));
        List<Bar> bars = List.of(bar("ALPX", "30", later), bar("ALPY", "40", later));
        bars.forEach(bar -> amqp.send("market.bars", bar.id(), "bar", JsonCodec.encode(bar)));
        sleep(500);
        assertThat(barsInbox(bars.get(0).id(), bars.get(1).id())).as("bars are held until their slice-end").isEmpty();
        alpaca().get("/v2/assets/ALPX").then().statusCode(404);

        String end = closeBars(later, 2);
        long deadline = System.nanoTime() + AmqpTestClient.TIMEOUT.toNanos();
        while (alpaca().get("/v2/assets/ALPY").statusCode() != 200) {
            assertThat(System.nanoTime()).as("the slice's bars become last prices").isLessThan(deadline);
            sleep(50);
        }
        alpaca().get("/v2/assets/ALPX").then().statusCode(200);
        List<Row> consumed = barsInbox(bars.get(0).id(), bars.get(1).id(), end);
        assertThat(consumed).hasSize(3);
        // now() is the transaction's start: one value for the three rows means one transaction
        assertThat(consumed.stream().map(row -> row.getValue("received_at")).distinct()).hasSize(1);
    }

    private List<Row> barsInbox(String... messageIds) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery("select message_id, received_at from inbox where consumer = $1 and message_id = any($2)")
                .execute(Tuple.of("market.bars.router", messageIds)).await().atMost(Duration.ofSeconds(10))
                .forEach(rows::add);
        return rows;
    }
}
