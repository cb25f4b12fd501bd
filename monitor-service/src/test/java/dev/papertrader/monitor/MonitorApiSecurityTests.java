package dev.papertrader.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.testing.ApiSecurityCheck;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the OpenAPI document: 401 without a token, 403 for a viewer on a change, open probes. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class MonitorApiSecurityTests {

    @Test
    void everyOperationNeedsATokenWithItsRole() {
        assertThat(ApiSecurityCheck.operations()).extracting(Object::toString)
                .contains("GET /api/monitor/signals", "GET /api/monitor/watchlist", "POST /api/monitor/watchlist",
                        "PUT /api/monitor/watchlist/{id}", "DELETE /api/monitor/watchlist/{id}", "GET /api/monitor/feed",
                        "POST /api/monitor/feed/start", "POST /api/monitor/feed/stop", "GET /api/monitor/strategies");
        // an invalid speed: the trader's call is refused (400) instead of starting the feed
        assertThat(new ApiSecurityCheck().withQuery("POST /api/monitor/feed/start", "speed=-1").failures()).isEmpty();
    }
}
