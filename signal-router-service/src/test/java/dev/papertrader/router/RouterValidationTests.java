package dev.papertrader.router;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every router endpoint that takes input: bad input is a 400 problem naming the field, and nothing is stored. */
@QuarkusTest
@RouterTestProfile
@Order(1) // before RouterBeforeRestartTests, the first boot's last class: this one must not undo its halt
class RouterValidationTests {

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        List<Case> cases = List.of(
                Case.get("/api/router/decisions?limit=0", "limit"),
                Case.get("/api/router/decisions?limit=501", "limit"),
                Case.get("/api/router/decisions?offset=-1", "offset"),
                Case.get("/api/router/decisions?accepted=maybe", "accepted"),
                Case.put("/api/router/risk", "{}", "sizing"),
                Case.put("/api/router/risk", "{\"sizing\":\"all-in\",\"limitOffsetBps\":10000}", "limitOffsetBps"),
                Case.put("/api/router/risk", "{\"sizing\":\"all-in\",\"filters\":{\"minStrength\":2}}", "minStrength"),
                Case.put("/api/router/risk", "{\"sizing\":\"all-in\",\"orderType\":\"IMMEDIATE\"}", "orderType"),
                Case.post("/api/router/halt", "{}", "reason"),
                Case.post("/api/router/halt", "{\"reason\":\" \"}", "reason"),
                Case.post("/api/router/halt", "{\"reason\":\"" + "x".repeat(501) + "\"}", "reason"));
        assertThat(ValidationCheck.failures(cases, () -> asTrader().get("/api/router/risk").then().statusCode(200)
                .extract().asString() + asTrader().get("/api/router/status").then().statusCode(200).extract().path("halted")))
                .isEmpty();
    }
}
