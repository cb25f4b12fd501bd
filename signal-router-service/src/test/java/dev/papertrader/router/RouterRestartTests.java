package dev.papertrader.router;

import static dev.papertrader.router.RestartScenario.HALT_REASON;
import static dev.papertrader.router.RestartScenario.HELD_ACROSS;
import static dev.papertrader.router.RestartScenario.OPEN_BEFORE;
import static dev.papertrader.router.RestartScenario.R1;
import static dev.papertrader.router.RestartScenario.R2;
import static dev.papertrader.router.RestartScenario.R3;
import static dev.papertrader.router.RestartScenario.SIZING;
import static dev.papertrader.router.Upstream.buy;
import static dev.papertrader.router.Upstream.flat;
import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.router.AmqpTestClient.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The router after a restart (a second boot, after {@link RouterBeforeRestartTests} in the first): the stored
 * configuration wins over the configuration file, the halt and the open order are restored, and the slice that was
 * waiting for its snapshot comes back from the broker (its messages were never acknowledged) and is decided.
 * Run it with the whole test suite of the module: it continues the first boot's scenario.
 */
@QuarkusTest
@RouterTestProfile
@TestProfile(RouterRestartTests.SecondBoot.class)
class RouterRestartTests extends RouterTestSupport {

    /** A new boot whose configuration file asks for another sizing, which the stored configuration overrides. */
    public static class SecondBoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("papertrader.router.sizing", "percent:50");
        }
    }

    @Test
    void theRouterContinuesWhereTheLastBootStopped() {
        assertThat(getJson("/api/router/risk").get("sizing").asText()).isEqualTo(SIZING);

        JsonNode status = statusWhen(s -> holdsSlice(s, R2, 1));
        assertThat(status.get("halted").asBoolean()).isTrue();
        assertThat(status.get("haltReason").asText()).isEqualTo(HALT_REASON);
        assertThat(status.get("lastClosedSlice").asText()).isEqualTo(R1.toString());
        assertThat(status.get("ordersClosedThrough").asText()).isEqualTo(R2.toString());
        assertThat(status.get("openOrders")).extracting(o -> o.get("orderId").asText())
                .contains(RestartScenario.openOrderId());
        assertThat(status.get("waitingFor")).extracting(JsonNode::asText).containsExactly("snapshot");

        // The held slice, decided now: still halted, so the opening is refused with the reason given before.
        upstream.snapshot(flat("10000", R2));
        assertThat(ordersThroughSliceEnd(R2, "RESTART2")).extracting(Received::type).containsExactly("slice-end");
        JsonNode held = decisionsOf("RESTART2").get(0);
        assertThat(held.get("signalId").asText()).isEqualTo(HELD_ACROSS.id());
        assertThat(held.get("rule").asText()).isEqualTo("kill-switch");
        assertThat(held.get("reason").asText()).isEqualTo(HALT_REASON);

        asTrader().post("/api/router/resume").then().statusCode(200);
        upstream.slice(flat("10000", R3), buy("RESTART1", R3, "52"), buy("RESTART3", R3, "70"));

        List<Received> out = ordersThroughSliceEnd(R3, "RESTART1", "RESTART3");
        assertThat(out).extracting(Received::type).containsExactly("order", "slice-end");
        assertThat(out.get(0).json().getString("symbol")).isEqualTo("RESTART3");
        // The stored sizing, not the file's percent:50.
        assertThat(new BigDecimal(out.get(0).json().getValue("qty").toString())).isEqualByComparingTo("3");
        // The order opened before the restart is still open: a second RESTART1 order waits for it.
        JsonNode second = decisionsOf("RESTART1").get(0);
        assertThat(second.get("rule").asText()).isEqualTo("pending-order");
        assertThat(second.get("reason").asText()).contains(RestartScenario.openOrderId());
        assertThat(decisionsOf("RESTART1")).hasSize(2);
        assertThat(decisionsOf("RESTART1").get(1).get("signalId").asText()).isEqualTo(OPEN_BEFORE.id());
    }
}
