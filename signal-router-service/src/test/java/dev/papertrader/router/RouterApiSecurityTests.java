package dev.papertrader.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.testing.ApiSecurityCheck;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every operation of the OpenAPI document: 401 without a token, 403 for a viewer on a change, open probes. */
@QuarkusTest
@RouterTestProfile
@Order(1) // before RouterBeforeRestartTests, the first boot's last class: this one must not undo its halt
class RouterApiSecurityTests {

    @Test
    void everyOperationNeedsATokenWithItsRole() {
        assertThat(ApiSecurityCheck.operations()).extracting(Object::toString)
                .contains("GET /api/router/decisions", "GET /api/router/decisions/{id}", "GET /api/router/risk",
                        "PUT /api/router/risk", "POST /api/router/halt", "POST /api/router/resume", "GET /api/router/status");
        assertThat(new ApiSecurityCheck().failures()).isEmpty();
    }
}
