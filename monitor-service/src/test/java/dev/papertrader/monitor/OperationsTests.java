package dev.papertrader.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, OpenAPI and metrics, as operators and the dashboard use them. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class OperationsTests {

    @Test
    void readinessChecksTheDatabaseAndTheBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "papertrader AMQP broker"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("\"/api/monitor/watchlist/{id}\"")).body(containsString("\"/api/monitor/signals\""))
                .body(containsString("\"/api/monitor/feed/start\"")).body(containsString("\"/api/monitor/events\""));
    }

    @Test
    void feedMetricsArePublished() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("papertrader_monitor_slices_total"))
                .body(containsString("papertrader_monitor_feed_running"));
    }
}
