package dev.papertrader.router;

import static dev.papertrader.router.RestartScenario.HALT_REASON;
import static dev.papertrader.router.RestartScenario.HELD_ACROSS;
import static dev.papertrader.router.RestartScenario.OPEN_BEFORE;
import static dev.papertrader.router.RestartScenario.R1;
import static dev.papertrader.router.RestartScenario.R2;
import static dev.papertrader.router.RestartScenario.SIZING;
import static dev.papertrader.router.Upstream.flat;
import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.router.AmqpTestClient.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The first half of the restart scenario ({@link RouterRestartTests} is the second): the last test class of the first
 * boot leaves a stored configuration, an open order, the kill switch on and a slice waiting for its snapshot.
 */
@QuarkusTest
@RouterTestProfile
@Order(3)
class RouterBeforeRestartTests extends RouterTestSupport {

    @Test
    void leaveStateForTheNextBoot() {
        asTrader().contentType(ContentType.JSON).body("{\"sizing\": \"" + SIZING + "\"}").put("/api/router/risk").then()
                .statusCode(200);
        upstream.slice(flat("10000", R1), OPEN_BEFORE);
        List<Received> out = ordersThroughSliceEnd(R1, "RESTART1");
        assertThat(out).extracting(Received::type).containsExactly("order", "slice-end");
        assertThat(out.get(0).id()).isEqualTo(RestartScenario.openOrderId());
        assertThat(new BigDecimal(out.get(0).json().getValue("qty").toString())).isEqualByComparingTo("3");

        asTrader().contentType(ContentType.JSON).body("{\"reason\": \"" + HALT_REASON + "\"}").post("/api/router/halt").then()
                .statusCode(200);
        upstream.ordersClose(R2);
        upstream.monitorSlice(R2, HELD_ACROSS);

        JsonNode status = statusWhen(s -> holdsSlice(s, R2, 1));
        assertThat(status.get("waitingFor")).extracting(JsonNode::asText).containsExactly("snapshot");
    }
}
