package dev.papertrader.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.broker.BrokerTopology;
import io.vertx.amqp.AmqpMessage;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a service's {@code @QuarkusTest} gets from the test resource, checked by using it as the service would. */
class LocalInfraTestResourceTest {

    @Test
    void itReturnsExactlyTheConnectionConfigOfTheNamedService() {
        Map<String, String> config = startedFor("orders");
        String port = Integer.toString(LocalInfraTestResource.database().port());

        assertThat(config).containsExactly(
                Map.entry("quarkus.datasource.username", "orders_svc"),
                Map.entry("quarkus.datasource.password", "orders_svc-local"),
                Map.entry("quarkus.datasource.reactive.url", "vertx-reactive:postgresql://127.0.0.1:" + port + "/papertrader"),
                Map.entry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/papertrader"),
                Map.entry("quarkus.flyway.migrate-at-start", "true"),
                Map.entry("quarkus.flyway.schemas", "orders"),
                Map.entry("amqp-host", "127.0.0.1"),
                Map.entry("amqp-port", Integer.toString(LocalInfraTestResource.amqpPort())),
                Map.entry("quarkus.devservices.enabled", "false"),
                Map.entry("quarkus.log.category.\"org.apache.activemq\".level", "WARN"),
                Map.entry("quarkus.log.category.\"org.apache.activemq.audit\".level", "WARN"),
                Map.entry("mp.jwt.verify.publickey.location", "classpath:dev/papertrader/localstack/testing/test-jwt-public.pem"));
    }

    @Test
    void theJdbcSettingsLogTheServiceIntoItsOwnSchema() throws Exception {
        Map<String, String> config = startedFor("portfolio");
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + config.get("quarkus.flyway.schemas") + ".flyway_like_probe (id int)");
            try (ResultSet result = statement.executeQuery("SELECT current_user, current_schema()")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("portfolio_svc");
                assertThat(result.getString(2)).isEqualTo("portfolio");
            }
        }
    }

    @Test
    void theReactiveUrlWorksWithTheVertxPostgresClientAsQuarkusUsesIt() throws Exception {
        Map<String, String> config = startedFor("monitor");
        // Quarkus drops the vertx-reactive: prefix and hands the rest to PgConnectOptions.fromUri
        PgConnectOptions options = PgConnectOptions.fromUri(config.get("quarkus.datasource.reactive.url").substring("vertx-reactive:".length()))
                .setUser(config.get("quarkus.datasource.username"))
                .setPassword(config.get("quarkus.datasource.password"));
        Vertx vertx = Vertx.vertx();
        try {
            PgConnection connection = PgConnection.connect(vertx, options).toCompletionStage().toCompletableFuture().get();
            Row row = connection.query("SELECT current_user, current_schema()").execute()
                    .toCompletionStage().toCompletableFuture().get().iterator().next();
            assertThat(row.getString(0)).isEqualTo("monitor_svc");
            assertThat(row.getString(1)).isEqualTo("monitor");
            connection.close().toCompletionStage().toCompletableFuture().get();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void theAmqpSettingsReachTheBrokerWithTheTopology() {
        Map<String, String> config = startedFor("router");
        try (AmqpTestClient client = new AmqpTestClient(config.get("amqp-host"), Integer.parseInt(config.get("amqp-port")));
             AmqpTestClient.Inbox decisions = client.receive("trading.decisions::trading.decisions.monitor")) {
            client.send(BrokerTopology.TRADING_DECISIONS, "decision-1", "{\"accepted\":true}");
            AmqpMessage message = decisions.next();
            assertThat(message.bodyAsString()).isEqualTo("{\"accepted\":true}");
            message.accepted();
        }
    }

    @Test
    void everyServiceGetsTheSameServersOnceStartedPerJvmEvenFromAnotherClassLoader() throws Exception {
        Map<String, String> monitor = startedFor("monitor");
        Map<String, String> orders = startedFor("orders");
        assertThat(monitor.get("quarkus.datasource.jdbc.url")).isEqualTo(orders.get("quarkus.datasource.jdbc.url"));
        assertThat(monitor.get("amqp-port")).isEqualTo(orders.get("amqp-port"));
        assertThat(LocalInfraTestResource.superuserJdbcUrl())
                .isEqualTo(monitor.get("quarkus.datasource.jdbc.url") + "?user=postgres");

        // as Quarkus does: the same classes loaded again by an application class loader of their own
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader application = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> isolated = application.loadClass(LocalInfraTestResource.class.getName());
            assertThat(isolated).isNotSameAs(LocalInfraTestResource.class);
            assertThat(isolated.getMethod("amqpPort").invoke(null)).isEqualTo(LocalInfraTestResource.amqpPort());
            assertThat(isolated.getMethod("superuserJdbcUrl").invoke(null)).isEqualTo(LocalInfraTestResource.superuserJdbcUrl());
        }
    }

    @Test
    void aMissingOrUnknownServiceIsRefusedWithTheValidNames() {
        LocalInfraTestResource resource = new LocalInfraTestResource();
        assertThatThrownBy(() -> resource.init(Map.of()))
                .hasMessage("LocalInfraTestResource needs the init arg service = monitor, router, orders or portfolio");
        assertThatThrownBy(() -> resource.init(Map.of("service", "billing")))
                .hasMessage("unknown service 'billing'; expected one of monitor, router, orders, portfolio");
        assertThatThrownBy(resource::start).isInstanceOf(IllegalStateException.class);
    }

    private static Map<String, String> startedFor(String service) {
        LocalInfraTestResource resource = new LocalInfraTestResource();
        resource.init(Map.of(LocalInfraTestResource.SERVICE_ARG, service));
        Map<String, String> config = resource.start();
        resource.stop();
        return config;
    }
}
