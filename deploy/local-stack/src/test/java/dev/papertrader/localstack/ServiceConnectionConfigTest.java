package dev.papertrader.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.database.DatabaseServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConnectionConfigTest {

    private static final DatabaseServer DATABASE = new DatabaseServer("db.local", 6543, "papertrader", "postgres", "");

    @Test
    void environmentVariablesAreNamedByTheMicroProfileConfigRule() {
        assertThat(ServiceConnectionConfig.environmentName("quarkus.datasource.reactive.url")).isEqualTo("QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(ServiceConnectionConfig.environmentName("quarkus.flyway.migrate-at-start")).isEqualTo("QUARKUS_FLYWAY_MIGRATE_AT_START");
        assertThat(ServiceConnectionConfig.environmentName("amqp-host")).isEqualTo("AMQP_HOST");
    }

    @Test
    void aServiceGetsItsRoleSchemaAndTheServersAsEnvironment() {
        ServiceConnectionConfig config = new ServiceConnectionConfig(ServiceRole.ROUTER, "s3cret", DATABASE,
                BrokerEndpoint.anonymous("mq.local", 5673));

        assertThat(config.environment()).containsExactly(
                Map.entry("QUARKUS_DATASOURCE_USERNAME", "router_svc"),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", "s3cret"),
                Map.entry("QUARKUS_DATASOURCE_REACTIVE_URL", "vertx-reactive:postgresql://db.local:6543/papertrader"),
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db.local:6543/papertrader"),
                Map.entry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true"),
                Map.entry("QUARKUS_FLYWAY_SCHEMAS", "router"),
                Map.entry("AMQP_HOST", "mq.local"),
                Map.entry("AMQP_PORT", "5673"));
    }

    @Test
    void brokerCredentialsAreAddedOnlyWhenTheBrokerHasThem() {
        ServiceConnectionConfig config = new ServiceConnectionConfig(ServiceRole.MONITOR, "pw", DATABASE,
                new BrokerEndpoint("mq.local", 5672, "artemis", "artemis-pw"));

        assertThat(config.properties())
                .containsEntry("amqp-username", "artemis")
                .containsEntry("amqp-password", "artemis-pw")
                .hasSize(10);
    }
}
