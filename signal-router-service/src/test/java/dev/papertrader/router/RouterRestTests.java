package dev.papertrader.router;

import static dev.papertrader.router.Upstream.buy;
import static dev.papertrader.router.Upstream.flat;
import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.router.AmqpTestClient.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST API: the kill switch, the router configuration (validated, applied to the next slice), decisions. */
@QuarkusTest
@RouterTestProfile
@Order(2)
class RouterRestTests extends RouterTestSupport {

    private static String put(String body) {
        return asTrader().contentType(ContentType.JSON).body(body).put("/api/router/risk").then().extract().asString();
    }

    @Test
    void theKillSwitchRejectsOpeningsUntilResumed() {
        JsonNode halted = json(asTrader().contentType(ContentType.JSON).body("{\"reason\": \"fat finger drill\"}")
                .post("/api/router/halt").then().statusCode(200).extract().asString());
        assertThat(halted.get("halted").asBoolean()).isTrue();
        assertThat(halted.get("haltRule").asText()).isEqualTo("kill-switch");
        assertThat(halted.get("haltReason").asText()).isEqualTo("fat finger drill");

        Instant t1 = nextSlice();
        upstream.slice(flat("10000", t1), buy("KILL", t1, "10"));
        List<Received> out = ordersThroughSliceEnd(t1, "KILL");
        assertThat(out).extracting(Received::type).containsExactly("slice-end");
        JsonNode rejected = decisionsOf("KILL").get(0);
        assertThat(rejected.get("rule").asText()).isEqualTo("kill-switch");
        assertThat(rejected.get("reason").asText()).isEqualTo("fat finger drill");

        asTrader().post("/api/router/resume").then().statusCode(200).body("halted", equalTo(false));
        Instant t2 = nextSlice();
        upstream.slice(flat("10000", t2), buy("KILL", t2, "10"));
        Received order = ordersThroughSliceEnd(t2, "KILL").get(0);
        assertThat(order.type()).isEqualTo("order");
        assertThat(decisionsOf("KILL").get(0).get("rule").asText()).isEqualTo("accepted");
        upstream.orderStatus(order.id(), "KILL", OrderStatus.CANCELED, t2);
    }

    @Test
    void haltNeedsAReason() {
        asTrader().contentType(ContentType.JSON).body("{\"reason\": \"  \"}").post("/api/router/halt").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("reason"));
        asTrader().get("/api/router/status").then().statusCode(200).body("halted", equalTo(false));
    }

    @Test
    void theDefaultConfigurationIsInForce() {
        JsonNode risk = getJson("/api/router/risk");

        assertThat(risk.get("sizing").asText()).isEqualTo("percent:10");
        assertThat(risk.get("longOnly").asBoolean()).isTrue();
        assertThat(risk.get("orderType").asText()).isEqualTo("MARKET");
        assertThat(risk.get("timeInForce").asText()).isEqualTo("GTC");
        assertThat(risk.get("filters").get("suppressDuplicates").asBoolean()).isTrue();
        assertThat(risk.get("filters").get("duplicateWindow").asText()).isEqualTo("PT168H");
        assertThat(risk.get("risk").get("maxOpenOrders").asInt()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                                                                  | sizing",
        "{\"sizing\": \"\"}                                                  | sizing",
        "{\"sizing\": \"kelly:2\"}                                           | sizing",
        "{\"sizing\": \"percent:10\", \"filters\": {\"minStrength\": 2}}      | minStrength",
        "{\"sizing\": \"percent:10\", \"filters\": {\"cooldown\": \"PT-1H\"}} | cooldown",
        "{\"sizing\": \"percent:10\", \"risk\": {\"maxOpenOrders\": -1}}      | maxOpenOrders",
        "{\"sizing\": \"percent:10\", \"risk\": {\"dailyLossLimitPct\": 101}} | dailyLossLimitPct",
        "{\"sizing\": \"percent:10\", \"orderType\": \"STOP\"}               | orderType",
        "{\"sizing\": \"percent:10\", \"limitOffsetBps\": 10000}             | limitOffsetBps",
        "{\"sizing\": \"percent:10\", \"filters\": {\"session\": {\"zone\": \"UTC\", \"open\": \"12:00\", \"close\": \"12:00\"}}} | filters.session",
        "{\"sizing\": \"percent:10\", \"filters\": {\"session\": {\"open\": \"09:30\", \"close\": \"16:00\"}}} | zone",
        "{\"sizing\": \"percent:10\", \"timeInForce\": \"FOREVER\"}           | timeInForce",
    })
    void anInvalidConfigurationIsABadRequestNamingTheField(String body, String field) {
        asTrader().contentType(ContentType.JSON).body(body).put("/api/router/risk").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
        assertThat(getJson("/api/router/risk").get("sizing").asText()).isEqualTo("percent:10");
    }

    @Test
    void aNewConfigurationDecidesTheNextSliceAndIsStored() {
        try {
            JsonNode replaced = json(put("""
                    {"sizing": "fixed-qty:7", "filters": {"cooldown": "PT1H", "symbolAllowlist": ["RISKY", "OTHER"]},
                     "risk": {"maxPositionNotional": 1000}}"""));
            assertThat(replaced.get("sizing").asText()).isEqualTo("fixed-qty:7");
            JsonNode risk = getJson("/api/router/risk");
            assertThat(risk).isEqualTo(replaced);
            assertThat(risk.get("filters").get("cooldown").asText()).isEqualTo("PT1H");
            assertThat(risk.get("filters").get("symbolAllowlist")).extracting(JsonNode::asText)
                    .containsExactly("OTHER", "RISKY");
            assertThat(risk.get("risk").get("maxPositionNotional").decimalValue()).isEqualByComparingTo("1000");

            Instant t = nextSlice();
            upstream.slice(flat("10000", t), buy("RISKY", t, "100"), buy("NOTLISTED", t, "10"));

            List<Received> out = ordersThroughSliceEnd(t, "RISKY", "NOTLISTED");
            assertThat(out).extracting(Received::type).containsExactly("order", "slice-end");
            assertThat(new BigDecimal(out.get(0).json().getValue("qty").toString())).isEqualByComparingTo("7");
            assertThat(decisionsOf("NOTLISTED").get(0).get("rule").asText()).isEqualTo("symbol-allowlist");
            upstream.orderStatus(out.get(0).id(), "RISKY", OrderStatus.CANCELED, t);
        } finally {
            put("{\"sizing\": \"percent:10\"}");
        }
        assertThat(getJson("/api/router/risk").get("filters").get("symbolAllowlist")).isEmpty();
    }

    @Test
    void decisionsCanBeFilteredAndPaged() {
        Instant t = nextSlice();
        upstream.slice(flat("10000", t), buy("PAGED", t, "10"), Upstream.sell("PAGEDB", t, "10"));
        Received order = ordersThroughSliceEnd(t, "PAGED").get(0);

        JsonNode rejected = getJson("/api/router/decisions", "accepted", false, "rule", "long-only", "symbol", "PAGEDB");
        assertThat(rejected.get("total").asLong()).isEqualTo(1);
        assertThat(rejected.get("items").get(0).get("symbol").asText()).isEqualTo("PAGEDB");
        JsonNode byStrategy = getJson("/api/router/decisions", "strategy", Upstream.STRATEGY, "limit", 1, "offset", 0);
        assertThat(byStrategy.get("items")).hasSize(1);
        assertThat(byStrategy.get("size").asInt()).isEqualTo(1);
        assertThat(byStrategy.get("total").asLong()).isGreaterThanOrEqualTo(2);
        // Newest first: the last decision of the slice is PAGEDB's.
        assertThat(byStrategy.get("items").get(0).get("symbol").asText()).isEqualTo("PAGEDB");
        JsonNode second = getJson("/api/router/decisions", "strategy", Upstream.STRATEGY, "limit", 1, "offset", 1);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("items").get(0).get("symbol").asText()).isEqualTo("PAGED");

        asTrader().queryParam("limit", 0).get("/api/router/decisions").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("limit"));
        asTrader().get("/api/router/decisions/no-such-decision").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no decision no-such-decision"));
        upstream.orderStatus(order.id(), "PAGED", OrderStatus.CANCELED, t);
    }
}
