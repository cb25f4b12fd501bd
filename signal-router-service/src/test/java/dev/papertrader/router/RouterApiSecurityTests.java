package dev.papertrader.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.testing.ApiRequests;
import dev.papertrader.localstack.testing.ApiSecurityCheck;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document: 401 without a token, 403 for a viewer on a change, open probes; the Alpaca
 * API under /v2 answers Alpaca's 401 without its key headers (a bearer token does not open it).
 */
@QuarkusTest
@RouterTestProfile
@Order(1) // before RouterBeforeRestartTests, the first boot's last class: this one must not undo its halt
class RouterApiSecurityTests {

    @Test
    void everyOperationNeedsATokenWithItsRole() {
        assertThat(ApiSecurityCheck.operations()).extracting(Object::toString)
                .contains("GET /api/router/decisions", "GET /api/router/decisions/{id}", "GET /api/router/risk",
                        "PUT /api/router/risk", "POST /api/router/halt", "POST /api/router/resume", "GET /api/router/status");
        assertThat(new ApiSecurityCheck().excludingPathsUnder("/v2/").failures()).isEmpty();
    }

    /** The Alpaca API authenticates with its own headers: without them every operation answers Alpaca's 401. */
    @Test
    void everyAlpacaOperationNeedsAnApiKey() {
        List<ApiSecurityCheck.Operation> alpaca = ApiSecurityCheck.operations().stream()
                .filter(operation -> operation.path().startsWith("/v2/")).toList();
        assertThat(alpaca).extracting(Object::toString).contains("POST /v2/orders", "GET /v2/account",
                "DELETE /v2/positions/{symbol}", "GET /v2/clock");
        Response colonPath = RestAssured.given().queryParam("client_order_id", "x").get("/v2/orders:by_client_order_id");
        assertThat(colonPath.statusCode()).isEqualTo(401);
        for (ApiSecurityCheck.Operation operation : alpaca) {
            String path = operation.path().replaceAll("\\{[^}]+}", "auth-probe");
            for (var request : List.of(RestAssured.given(), RestAssured.given().header("APCA-API-KEY-ID", "PKNOSUCHKEY0000000000")
                    .header("APCA-API-SECRET-KEY", "wrong"), ApiRequests.asTrader())) {
                var response = request.contentType(ContentType.JSON).body("{}").request(operation.method(), path);
                assertThat(response.statusCode()).as(operation.toString()).isEqualTo(401);
                assertThat(response.jsonPath().getLong("code")).as(operation.toString()).isEqualTo(40110000L);
                assertThat(response.jsonPath().getString("message")).isEqualTo("request is not authorized");
            }
        }
    }
}
