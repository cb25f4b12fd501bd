package dev.papertrader.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.testing.ApiSecurityCheck;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the OpenAPI document: 401 without a token, 403 for a viewer on a change, open probes. */
@QuarkusTest
@OrderServiceTestProfile
class OrderApiSecurityTests {

    @Test
    void everyOperationNeedsATokenWithItsRole() {
        assertThat(ApiSecurityCheck.operations()).extracting(Object::toString)
                .contains("GET /api/orders/orders", "POST /api/orders/orders", "DELETE /api/orders/orders/{id}",
                        "GET /api/orders/fills", "POST /api/orders/engine/reload");
        assertThat(new ApiSecurityCheck().failures()).isEmpty();
    }
}
