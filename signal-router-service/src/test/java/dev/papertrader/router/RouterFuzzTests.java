package dev.papertrader.router;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.ServiceRole;
import dev.papertrader.localstack.testing.ApiFuzzer;
import dev.papertrader.localstack.testing.StoredState;
import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every operation of the router's OpenAPI document, driven with generated bad input (see {@link ApiFuzzer}). */
@QuarkusTest
@RouterTestProfile
@Order(1) // before RouterBeforeRestartTests, the first boot's last class: this one changes nothing
class RouterFuzzTests {

    @Test
    void badInputNeverFailsTheServerAndChangesNothing() {
        StoredState state = StoredState.of(ServiceRole.ROUTER);
        state.settled(Duration.ofMillis(200), Duration.ofSeconds(10));
        String risk = asTrader().get("/api/router/risk").then().statusCode(200).extract().asString();
        // The Alpaca API answers in Alpaca's shape, not problem+json: AlpacaApiTests covers its validation.
        ApiFuzzer fuzzer = new ApiFuzzer(20130102L).excludingPathsUnder("/v2/")
                .withValidBody("PUT /api/router/risk", risk)
                .withValidBody("POST /api/router/halt", "{\"reason\":\"fuzz\"}");
        assertThat(fuzzer.cases()).hasSizeGreaterThan(80);
        assertThat(fuzzer.failures(state)).isEmpty();
    }

    /** What the fuzzer found: a parameter of the wrong type was a 404, a NUL character a 500 from PostgreSQL. */
    @Test
    void parametersOfTheWrongTypeOrWithANulAreRefusedNamingThem() {
        List<Case> cases = List.of(
                Case.get("/api/router/decisions?limit=abc", "limit"),
                Case.get("/api/router/decisions?offset=9223372036854775808", "offset"),
                Case.get("/api/router/decisions?symbol=\u0000", "symbol"),
                Case.get("/api/router/decisions/a\u0000b", "id"));
        assertThat(ValidationCheck.failures(cases, StoredState.of(ServiceRole.ROUTER))).isEmpty();
    }
}
