package dev.papertrader.monitor;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchlist's REST API; it only touches symbols the replay does not carry, so the replay's signals stay put. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class WatchlistResourceTests {

    static int add(String body) {
        return asTrader().contentType(ContentType.JSON).body(body).post("/api/monitor/watchlist").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void anAddedEntryIsListedLastWithItsEffectiveParameters() {
        var created = asTrader().contentType(ContentType.JSON)
                .body("{\"symbol\":\"MSFT\",\"timeframe\":\"P1D\",\"strategy\":\"macd-crossover\",\"parameters\":{\"fastPeriod\":10}}")
                .post("/api/monitor/watchlist").then().statusCode(201)
                .body("symbol", equalTo("MSFT")).body("timeframe", equalTo("1d")).body("enabled", is(true))
                .body("parameters.fastPeriod", equalTo("10")).body("effectiveParameters.slowPeriod", equalTo("26"))
                .body("effectiveParameters.maxBarCount", equalTo("1000"))
                .extract();
        int id = created.path("id");

        org.assertj.core.api.Assertions.assertThat(created.header("Location")).endsWith("/api/monitor/watchlist/" + id);
        asTrader().get("/api/monitor/watchlist").then().statusCode(200).body("[-1].id", is(id)).body("[-1].symbol", equalTo("MSFT"))
                .body("[-1].strategy", equalTo("macd-crossover"));
    }

    @Test
    void aSymbolRunsAStrategyOnce() {
        add("{\"symbol\":\"NVDA\",\"timeframe\":\"1d\",\"strategy\":\"rsi-divergence\"}");

        asTrader().contentType(ContentType.JSON).body("{\"symbol\":\"NVDA\",\"timeframe\":\"1h\",\"strategy\":\"rsi-divergence\"}")
                .post("/api/monitor/watchlist").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("NVDA already runs rsi-divergence"));
    }

    @Test
    void anUnknownStrategyIsA400NamingTheKnownOnes() {
        asTrader().contentType(ContentType.JSON).body("{\"symbol\":\"MSFT\",\"timeframe\":\"1d\",\"strategy\":\"astrology\"}")
                .post("/api/monitor/watchlist").then().statusCode(400).contentType("application/problem+json")
                .body("status", is(400)).body("violations[0].field", equalTo("strategy"))
                .body("detail", equalTo("unknown strategy 'astrology'; known: macd-crossover, rsi-divergence, tsi-momentum"));
    }

    @Test
    void invalidParametersAreA400WithTheRegistrysReason() {
        asTrader().contentType(ContentType.JSON)
                .body("{\"symbol\":\"MSFT\",\"timeframe\":\"1d\",\"strategy\":\"tsi-momentum\",\"parameters\":{\"colour\":\"red\"}}")
                .post("/api/monitor/watchlist").then().statusCode(400).body("violations[0].field", equalTo("parameters"))
                .body("detail", containsString("unknown parameter 'colour'"));
        asTrader().contentType(ContentType.JSON)
                .body("{\"symbol\":\"MSFT\",\"timeframe\":\"1d\",\"strategy\":\"macd-crossover\",\"parameters\":{\"fastPeriod\":\"30\"}}")
                .post("/api/monitor/watchlist").then().statusCode(400).body("violations[0].field", equalTo("parameters"))
                .body("detail", containsString("must be below 'slowPeriod'"));
    }

    @Test
    void missingFieldsAndABadTimeframeAre400s() {
        asTrader().contentType(ContentType.JSON).body("{\"timeframe\":\"1d\",\"strategy\":\"macd-crossover\"}")
                .post("/api/monitor/watchlist").then().statusCode(400).body("violations.field", hasItem("symbol"));
        asTrader().contentType(ContentType.JSON).body("{\"symbol\":\"MSFT\",\"timeframe\":\"weekly\",\"strategy\":\"macd-crossover\"}")
                .post("/api/monitor/watchlist").then().statusCode(400).body("violations[0].field", equalTo("timeframe"));
        asTrader().contentType(ContentType.JSON).body("{\"symbol\":\"MSFT\",\"timeframe\":\"1d\"").post("/api/monitor/watchlist").then()
                .statusCode(400);
    }

    @Test
    void anEntryCanBeDisabledReparameterizedAndDeleted() {
        int id = add("{\"symbol\":\"AMZN\",\"timeframe\":\"1d\",\"strategy\":\"tsi-momentum\",\"enabled\":false}");

        asTrader().contentType(ContentType.JSON).body("{\"enabled\":true,\"parameters\":{\"longPeriod\":\"30\"}}")
                .put("/api/monitor/watchlist/" + id).then().statusCode(200).body("enabled", is(true))
                .body("parameters.longPeriod", equalTo("30"));
        asTrader().contentType(ContentType.JSON).body("{\"enabled\":false}").put("/api/monitor/watchlist/" + id).then().statusCode(200)
                .body("enabled", is(false)).body("parameters.longPeriod", equalTo("30"));
        asTrader().contentType(ContentType.JSON).body("{\"parameters\":{\"longPeriod\":\"-3\"}}").put("/api/monitor/watchlist/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("parameters"));

        asTrader().delete("/api/monitor/watchlist/" + id).then().statusCode(204);
        asTrader().delete("/api/monitor/watchlist/" + id).then().statusCode(404).contentType("application/problem+json");
        asTrader().contentType(ContentType.JSON).body("{\"enabled\":true}").put("/api/monitor/watchlist/" + id).then().statusCode(404);
        asTrader().get("/api/monitor/watchlist").then().body("id", not(hasItem(id)));
    }

    @Test
    void theStrategiesListsTheRegistryWithDefaults() {
        asTrader().get("/api/monitor/strategies").then().statusCode(200)
                .body("name", equalTo(List.of("macd-crossover", "rsi-divergence", "tsi-momentum")))
                .body("[0].defaultParameters.fastPeriod", equalTo("12"));
    }
}
