package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.ServiceConnectionConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference run's configuration of each service, as {@code up} passes it on. */
class ReferenceRunTest {

    @Test
    void everyServiceGetsTheReferenceConfigurationUnderItsOwnPrefix() {
        Map<String, Map<String, String>> properties = ReferenceRun.serviceProperties(5);

        assertThat(properties).containsOnlyKeys("monitor", "router", "orders", "portfolio");
        assertThat(properties.get("monitor")).containsEntry("papertrader.monitor.feed.datasets", "aapl-2013")
                .containsEntry("papertrader.monitor.feed.speed", "5")
                .containsEntry("papertrader.monitor.watchlist.seed-strategies", "macd-crossover")
                .containsEntry("papertrader.monitor.feed.loop", "false");
        assertThat(properties.get("router")).containsEntry("papertrader.router.sizing", "all-in")
                .containsEntry("papertrader.router.fractional", "true")
                .containsEntry("papertrader.router.long-only", "true")
                .containsEntry("papertrader.router.order-type", "MARKET")
                .containsEntry("papertrader.router.account-id", "default");
        assertThat(properties.get("orders")).containsEntry("papertrader.execution.latency-bars", "1")
                .containsEntry("papertrader.execution.slippage", "none")
                .containsEntry("papertrader.execution.fees", "none");
        assertThat(properties.get("portfolio")).containsEntry("papertrader.portfolio.default-account-id", "default")
                .containsEntry("papertrader.portfolio.starting-cash", "10000");
        properties.forEach((service, keys) -> assertThat(keys.keySet()).as(service)
                .allSatisfy(key -> assertThat(key).startsWith(service.equals("orders") ? "papertrader.execution."
                        : "papertrader." + service + ".")));
    }

    @Test
    void theSpeedIsWrittenPlainlyAndZeroMeansAsFastAsPossible() {
        assertThat(ReferenceRun.serviceProperties(0).get("monitor")).containsEntry("papertrader.monitor.feed.speed", "0");
        assertThat(ReferenceRun.serviceProperties(0.5).get("monitor")).containsEntry("papertrader.monitor.feed.speed", "0.5");
        assertThat(ReferenceRun.serviceProperties(250).get("monitor")).containsEntry("papertrader.monitor.feed.speed", "250");
    }

    @Test
    void aNegativeOrMeaninglessSpeedIsRefused() {
        for (double speed : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> ReferenceRun.serviceProperties(speed)).as("speed %s", speed)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bars per second");
        }
    }

    @Test
    void thePropertiesBecomeTheEnvironmentVariablesQuarkusReads() {
        assertThat(ServiceConnectionConfig.environmentName("papertrader.monitor.watchlist.seed-strategies"))
                .isEqualTo("PAPERTRADER_MONITOR_WATCHLIST_SEED_STRATEGIES");
        assertThat(ServiceConnectionConfig.environmentName("papertrader.router.long-only")).isEqualTo("PAPERTRADER_ROUTER_LONG_ONLY");
    }
}
