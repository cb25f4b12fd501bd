package dev.papertrader.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The test resource as a service uses it: declared on a {@code @QuarkusTest}, its configuration reaches the
 * application through Quarkus (here injected; in a service, read by the datasource, Flyway and AMQP extensions).
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "orders"))
class LocalInfraQuarkusTest {

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.flyway.schemas")
    String schema;

    @ConfigProperty(name = "amqp-port")
    int amqpPort;

    @Test
    void theServiceSeesItsOwnRoleSchemaAndTheSharedServers() throws Exception {
        assertThat(username).isEqualTo("orders_svc");
        assertThat(schema).isEqualTo("orders");
        assertThat(amqpPort).as("the one broker of the JVM").isEqualTo(LocalInfraTestResource.amqpPort());
        assertThat(jdbcUrl).isEqualTo(LocalInfraTestResource.database().jdbcUrl());
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT current_schema()")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("orders");
        }
    }
}
