package dev.papertrader.portfolio;

import static dev.papertrader.portfolio.PortfolioTestSupport.awaitSnapshot;
import static dev.papertrader.portfolio.PortfolioTestSupport.bar;
import static dev.papertrader.portfolio.PortfolioTestSupport.fill;
import static dev.papertrader.portfolio.PortfolioTestSupport.monitorSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.nextSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.openAccount;
import static dev.papertrader.portfolio.PortfolioTestSupport.ordersSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.unique;
import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The REST API: accounts opened, reset and read, validation as problem documents, performance. */
@QuarkusTest
@PortfolioServiceTestProfile
class AccountResourceTests {

    private static JsonNode json(String body) throws Exception {
        return JsonCodec.mapper().readTree(body);
    }

    @Test
    void theDefaultAccountIsOpenedAtStartFromTheConfiguration() {
        asTrader().get("/api/portfolio/accounts").then().statusCode(200)
                .body("accountId", hasItem("default"));
        String body = asTrader().get("/api/portfolio/accounts/default").then().statusCode(200).extract().asString();
        PortfolioSnapshot snapshot = JsonCodec.decode(body, PortfolioSnapshot.class);
        assertThat(snapshot.accountId()).isEqualTo("default");
        assertThat(snapshot.peakEquity()).isGreaterThanOrEqualTo(new BigDecimal("10000"));
    }

    @Test
    void openingAnAccountReturnsItsSnapshotAndListsIt() {
        String account = unique("rest-");
        String body = asTrader().contentType(ContentType.JSON)
                .body("{\"accountId\":\"" + account + "\",\"startingCash\":\"2500.50\"}")
                .post("/api/portfolio/accounts").then().statusCode(201)
                .header("Location", containsString("/api/portfolio/accounts/" + account)).extract().asString();
        PortfolioSnapshot opened = JsonCodec.decode(body, PortfolioSnapshot.class);
        assertThat(opened.cash()).isEqualByComparingTo("2500.50");
        assertThat(opened.equity()).isEqualByComparingTo("2500.50");
        assertThat(opened.positions()).isEmpty();

        asTrader().get("/api/portfolio/accounts").then().statusCode(200).body("accountId", hasItem(account));
        asTrader().get("/api/portfolio/accounts/" + account + "/positions").then().statusCode(200).body("size()", equalTo(0));
        asTrader().get("/api/portfolio/accounts/" + account + "/trades").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void invalidOrDuplicateAccountsAre400Problems() throws Exception {
        String account = unique("taken-");
        openAccount(account, "100");

        String duplicate = asTrader().contentType(ContentType.JSON)
                .body("{\"accountId\":\"" + account + "\",\"startingCash\":100}").post("/api/portfolio/accounts")
                .then().statusCode(400).contentType("application/problem+json").extract().asString();
        assertThat(json(duplicate).at("/violations/0/field").asText()).isEqualTo("accountId");
        assertThat(json(duplicate).at("/detail").asText()).contains("already exists");

        String invalid = asTrader().contentType(ContentType.JSON)
                .body("{\"accountId\":\"has|bar\",\"startingCash\":-5}").post("/api/portfolio/accounts")
                .then().statusCode(400).contentType("application/problem+json").extract().asString();
        assertThat(json(invalid).at("/violations").findValuesAsText("field"))
                .containsExactlyInAnyOrder("accountId", "startingCash");

        asTrader().contentType(ContentType.JSON).body("{\"accountId\":\"x\"}").post("/api/portfolio/accounts")
                .then().statusCode(400).body("violations.field", hasItem("startingCash"));
        asTrader().contentType(ContentType.JSON).body("{\"accountId\":\"x\",\"startingCash\":\"lots\"}")
                .post("/api/portfolio/accounts").then().statusCode(400);
        asTrader().contentType(ContentType.JSON).body("{\"startingCash\":0}").post("/api/portfolio/accounts/" + account + "/reset")
                .then().statusCode(400).body("violations.field", hasItem("startingCash"));
        asTrader().contentType(ContentType.JSON).body("{\"startingCash\":10}").post("/api/portfolio/accounts/nobody-here/reset")
                .then().statusCode(404);
        asTrader().get("/api/portfolio/accounts/nobody-here").then().statusCode(404).contentType("application/problem+json");
        asTrader().get("/api/portfolio/accounts/nobody-here/trades").then().statusCode(404);
        asTrader().queryParam("size", 0).get("/api/portfolio/accounts/" + account + "/trades").then().statusCode(400);
        asTrader().queryParam("from", "yesterday").get("/api/portfolio/accounts/" + account + "/equity").then().statusCode(400)
                .body("violations.field", hasItem("from"));
        asTrader().queryParam("periods-per-year", "abc").get("/api/portfolio/accounts/" + account + "/performance").then()
                .statusCode(400).body("violations.field", hasItem("periods-per-year"));
        asTrader().queryParam("periods-per-year", "0").get("/api/portfolio/accounts/" + account + "/performance").then()
                .statusCode(400);
    }

    @Test
    void tradesEquityPerformanceAndResetOfATradedAccount() throws Exception {
        String account = unique("perf-");
        String symbol = unique("PF");
        openAccount(account, "1000");
        Instant buyAt = nextSlice();
        Instant sellAt = nextSlice();
        monitorSlice(buyAt, bar(symbol, buyAt, "10"));
        ordersSlice(buyAt, fill(account, symbol, Side.BUY, "10", "10", "0", buyAt));
        awaitSnapshot(account, buyAt);
        asTrader().get("/api/portfolio/accounts/" + account + "/positions").then().statusCode(200)
                .body("[0].symbol", equalTo(symbol));
        monitorSlice(sellAt, bar(symbol, sellAt, "11"));
        ordersSlice(sellAt, fill(account, symbol, Side.SELL, "10", "11", "0", sellAt));
        awaitSnapshot(account, sellAt);

        JsonNode trades = json(asTrader().get("/api/portfolio/accounts/" + account + "/trades").then().statusCode(200)
                .extract().asString());
        assertThat(trades.at("/total").asLong()).isEqualTo(1);
        assertThat(trades.at("/items/0/pnl").decimalValue()).isEqualByComparingTo("10");

        JsonNode equity = json(asTrader().queryParam("from", buyAt.toString()).queryParam("to", sellAt.toString())
                .get("/api/portfolio/accounts/" + account + "/equity").then().statusCode(200).extract().asString());
        assertThat(equity.at("/total").asLong()).isEqualTo(2);
        // 1000 − 100 + 10 × 10 = 1000, then flat at 1000 + 10 = 1010
        assertThat(equity.at("/items/0/equity").decimalValue()).isEqualByComparingTo("1000");
        assertThat(equity.at("/items/1/equity").decimalValue()).isEqualByComparingTo("1010");
        JsonNode firstPage = json(asTrader().queryParam("from", buyAt.toString()).queryParam("size", 1)
                .queryParam("page", 1).get("/api/portfolio/accounts/" + account + "/equity").then().statusCode(200)
                .extract().asString());
        assertThat(firstPage.at("/items").size()).isEqualTo(1);
        assertThat(firstPage.at("/items/0/time").asText()).isEqualTo(sellAt.toString());

        JsonNode performance = json(asTrader().queryParam("periods-per-year", "365")
                .get("/api/portfolio/accounts/" + account + "/performance").then().statusCode(200).extract().asString());
        assertThat(performance.at("/periodsPerYear").asDouble()).isEqualTo(365);
        assertThat(performance.at("/stats/trades").asInt()).isEqualTo(1);
        assertThat(performance.at("/stats/winRate").asDouble()).isEqualTo(1.0);
        assertThat(performance.at("/stats/startingEquity").decimalValue()).isEqualByComparingTo("1000");
        assertThat(performance.at("/stats/finalEquity").decimalValue()).isEqualByComparingTo("1010");
        assertThat(performance.at("/stats/totalReturn").asDouble()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
        asTrader().get("/api/portfolio/accounts/" + account + "/performance").then().statusCode(200)
                .body("periodsPerYear", equalTo(252.0f));

        String reset = asTrader().contentType(ContentType.JSON).body("{\"startingCash\":300}")
                .post("/api/portfolio/accounts/" + account + "/reset").then().statusCode(200).extract().asString();
        assertThat(JsonCodec.decode(reset, PortfolioSnapshot.class).cash()).isEqualByComparingTo("300");
        asTrader().get("/api/portfolio/accounts/" + account + "/trades").then().statusCode(200).body("total", equalTo(0));
        asTrader().get("/api/portfolio/accounts/" + account + "/equity").then().statusCode(200).body("total", equalTo(0));
        String after = asTrader().get("/api/portfolio/accounts/" + account).then().statusCode(200).extract().asString();
        assertThat(JsonCodec.decode(after, PortfolioSnapshot.class).equity()).isEqualByComparingTo("300");
    }

    @Test
    void healthOpenApiAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/portfolio/accounts/{id}/performance"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("papertrader_portfolio_slices_total"))
                .body(containsString("papertrader_portfolio_pending"));
    }
}
