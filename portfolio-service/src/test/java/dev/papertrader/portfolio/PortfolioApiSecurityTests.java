package dev.papertrader.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.testing.ApiSecurityCheck;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the OpenAPI document: 401 without a token, 403 for a viewer on a change, open probes. */
@QuarkusTest
@PortfolioServiceTestProfile
class PortfolioApiSecurityTests {

    @Test
    void everyOperationNeedsATokenWithItsRole() {
        assertThat(ApiSecurityCheck.operations()).extracting(Object::toString)
                .contains("GET /api/portfolio/accounts", "POST /api/portfolio/accounts",
                        "POST /api/portfolio/accounts/{id}/reset", "GET /api/portfolio/accounts/{id}",
                        "GET /api/portfolio/accounts/{id}/positions", "GET /api/portfolio/accounts/{id}/trades",
                        "GET /api/portfolio/accounts/{id}/equity", "GET /api/portfolio/accounts/{id}/performance");
        assertThat(new ApiSecurityCheck().failures()).isEmpty();
    }
}
