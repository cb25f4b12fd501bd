package dev.papertrader.portfolio;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.ServiceRole;
import dev.papertrader.localstack.testing.ApiFuzzer;
import dev.papertrader.localstack.testing.StoredState;
import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operation of the portfolio's OpenAPI document, driven with generated bad input (see {@link ApiFuzzer}). */
@QuarkusTest
@PortfolioServiceTestProfile
class PortfolioFuzzTests {

    @Test
    void badInputNeverFailsTheServerAndChangesNothing() {
        int status = asTrader().contentType(ContentType.JSON).body("{\"accountId\":\"fuzz-1\",\"startingCash\":5000}")
                .post("/api/portfolio/accounts").statusCode();
        assertThat(status).isIn(201, 400); // 400 when an earlier run of the JVM made it already
        StoredState state = StoredState.of(ServiceRole.PORTFOLIO);
        state.settled(Duration.ofMillis(200), Duration.ofSeconds(10));
        ApiFuzzer fuzzer = new ApiFuzzer(20130102L)
                .withValidBody("POST /api/portfolio/accounts", "{\"accountId\":\"fuzz-2\",\"startingCash\":5000}")
                .withValidBody("POST /api/portfolio/accounts/{id}/reset", "{\"startingCash\":5000}")
                .withPathValue("id", "fuzz-1");
        assertThat(fuzzer.cases()).hasSizeGreaterThan(100);
        assertThat(fuzzer.failures(state)).isEmpty();
    }

    /** What the fuzzer found: a parameter of the wrong type was a 404, a NUL character a 500 from PostgreSQL. */
    @Test
    void parametersOfTheWrongTypeOrWithANulAreRefusedNamingThem() {
        List<Case> cases = List.of(
                Case.get("/api/portfolio/accounts/fuzz-1/trades?page=abc", "page"),
                Case.get("/api/portfolio/accounts/fuzz-1/equity?size=1.5", "size"),
                Case.get("/api/portfolio/accounts/a\u0000b", "id"));
        assertThat(ValidationCheck.failures(cases, StoredState.of(ServiceRole.PORTFOLIO))).isEmpty();
    }
}
