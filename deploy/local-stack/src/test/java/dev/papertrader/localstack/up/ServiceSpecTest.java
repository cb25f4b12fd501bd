package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.ServiceRole;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    @Test
    void theFourServicesHaveTheirModulePortAndRole() {
        assertThat(ServiceSpec.ALL).containsExactly(
                new ServiceSpec("monitor", "monitor-service", 8081, ServiceRole.MONITOR),
                new ServiceSpec("router", "signal-router-service", 8082, ServiceRole.ROUTER),
                new ServiceSpec("orders", "order-service", 8083, ServiceRole.ORDERS),
                new ServiceSpec("portfolio", "portfolio-service", 8084, ServiceRole.PORTFOLIO));
    }

    @Test
    void aServiceRunsTheQuarkusJarOfItsModule() {
        assertThat(ServiceSpec.named("router").jar(Path.of("/repo")))
                .isEqualTo(Path.of("/repo/signal-router-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(ServiceSpec.named("orders").baseUrl()).isEqualTo("http://127.0.0.1:8083");
    }

    @Test
    void aListOfNamesIsReadInOrderIgnoringCaseSpacesAndRepeats() {
        assertThat(ServiceSpec.parseList(" Orders, monitor,orders,, "))
                .extracting(ServiceSpec::name).containsExactly("orders", "monitor");
    }

    @Test
    void anUnknownNameIsRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> ServiceSpec.parseList("monitor,billing"))
                .hasMessage("unknown service 'billing'; expected some of monitor,router,orders,portfolio");
        assertThatThrownBy(() -> ServiceRole.ofServiceName("order"))
                .hasMessage("unknown service 'order'; expected one of monitor, router, orders, portfolio");
    }

    @Test
    void eachServiceHasItsRoleSchemaAndLocalPassword() {
        assertThat(ServiceRole.ofServiceName("PORTFOLIO")).isEqualTo(ServiceRole.PORTFOLIO);
        assertThat(ServiceRole.PORTFOLIO.role()).isEqualTo("portfolio_svc");
        assertThat(ServiceRole.PORTFOLIO.schema()).isEqualTo("portfolio");
        assertThat(ServiceRole.PORTFOLIO.passwordVariable()).isEqualTo("portfolio_svc_password");
        assertThat(ServiceRole.PORTFOLIO.localPassword()).isEqualTo("portfolio_svc-local");
    }
}
