package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.PortCheck;
import dev.papertrader.localstack.broker.BrokerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor behind {@code ./papertrader up}, with real servers and real child processes ({@link FakeService}
 * stands in for the Quarkus services, which do not exist yet). Most cases use the test JVM's shared servers as
 * "external" ones; the first runs the embedded, persistent ones as {@code up} does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalStackTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    @TempDir
    Path dataDirectory;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void upStartsEmbeddedServersAndAServiceWithItsConfigurationThenStopsAllOfItCleanly() throws Exception {
        ServiceSpec orders = ServiceSpec.named("orders").withPort(PortCheck.freePort("127.0.0.1"));
        int postgresPort = PortCheck.freePort("127.0.0.1");
        int amqpPort = PortCheck.freePort("127.0.0.1");
        LocalStack stack = new LocalStack(new LocalStack.Settings(dataDirectory, Optional.empty(), Optional.empty(),
                postgresPort, amqpPort, List.of(orders), FakeServiceLauncher.allIn("healthy"), READY_TIMEOUT, STOP_GRACE), out);

        stack.start();
        SupervisedService service = stack.services().getFirst();
        Path log = dataDirectory.resolve("logs").resolve("orders.log");
        try {
            assertThat(readiness(orders)).isEqualTo(200);
            assertThat(service.logFile()).isEqualTo(log);
            assertThat(Files.readString(log)).contains(
                    "fake service: mode healthy, port " + orders.port(),
                    "fake service: database user orders_svc, schema orders",
                    "fake service: broker reachable at 127.0.0.1:" + amqpPort,
                    "fake service: reactive url vertx-reactive:postgresql://127.0.0.1:" + postgresPort
                            + "/papertrader, flyway schemas orders, migrate at start true");
            assertThat(output.toString(StandardCharsets.UTF_8)).contains(
                    "papertrader is up",
                    "jdbc:postgresql://127.0.0.1:" + postgresPort + "/papertrader",
                    "amqp://127.0.0.1:" + amqpPort,
                    "orders     http://127.0.0.1:" + orders.port());
            assertThat(dataDirectory.resolve("pg").resolve("PG_VERSION")).exists();
            assertThat(dataDirectory.resolve("broker").resolve("journal")).isDirectory();
            assertThat(dataDirectory.resolve("logs").resolve("postgres.log")).isNotEmptyFile();
        } finally {
            stack.close();
        }

        assertThat(service.process().isAlive()).isFalse();
        assertThat(service.process().exitValue()).as("ended by SIGTERM").isEqualTo(143);
        assertThat(Files.readString(log)).contains("fake service: SIGTERM received, stopping", "fake service: stopped");
        assertThat(PortCheck.isFree("127.0.0.1", postgresPort)).as("PostgreSQL stopped").isTrue();
        assertThat(PortCheck.isFree("127.0.0.1", amqpPort)).as("broker stopped").isTrue();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Stopping orders", "Stopping the broker", "Stopping PostgreSQL");
        assertThat(stack.awaitTermination()).isZero();
    }

    @Test
    void theProductionLauncherRunsTheQuarkusRunJarOfTheServiceModule(@TempDir Path checkout) throws Exception {
        ServiceSpec orders = ServiceSpec.named("orders").withPort(PortCheck.freePort("127.0.0.1"));
        Path jar = orders.jar(checkout);
        writeRunnableJar(jar, FakeService.class.getName());
        Files.writeString(checkout.resolve(orders.module()).resolve("pom.xml"), "<project/>");
        try (LocalStack stack = new LocalStack(external(List.of(orders), QuarkusJarLauncher.withCurrentJava(checkout, List.of("-Xmx128m"))),
                out)) {
            stack.start();

            assertThat(stack.services().getFirst().process().info().arguments()).hasValueSatisfying(arguments ->
                    assertThat(arguments).containsSubsequence("-Xmx128m", "-jar", jar.toString()));
            assertThat(Files.readString(dataDirectory.resolve("logs").resolve("orders.log")))
                    .contains("fake service: mode healthy", "database user orders_svc, schema orders");
        }
    }

    /** A jar like Quarkus' quarkus-run.jar: a manifest naming the main class and the class path. */
    private static void writeRunnableJar(Path jar, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
                        .split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" ")));
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
    }

    @Test
    void aServiceThatNeverGetsReadyFailsTheStartWithTheEndOfItsLogAndIsStopped() {
        ServiceSpec router = ServiceSpec.named("router").withPort(PortCheck.freePort("127.0.0.1"));
        LocalStack.Settings settings = withReadyTimeout(external(List.of(router), FakeServiceLauncher.allIn("never-ready")),
                Duration.ofSeconds(5));
        LocalStack stack = new LocalStack(settings, out);

        assertThatThrownBy(stack::start)
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("router was not ready within 5 s (http://127.0.0.1:" + router.port()
                        + "/q/health/ready never answered 200).")
                .hasMessageContaining("Last lines of " + dataDirectory.resolve("logs").resolve("router.log"))
                .hasMessageContaining("fake service: mode never-ready");
        assertThat(stack.services().getFirst().process().isAlive()).isFalse();
    }

    @Test
    void eachServiceGetsItsOwnPropertiesAsEnvironmentVariables() throws Exception {
        List<ServiceSpec> services = List.of(ServiceSpec.named("router").withPort(PortCheck.freePort("127.0.0.1")),
                ServiceSpec.named("orders").withPort(PortCheck.freePort("127.0.0.1")));
        LocalStack.Settings base = external(services, FakeServiceLauncher.allIn("healthy"));
        Map<String, Map<String, String>> properties = Map.of(
                "router", Map.of("papertrader.router.sizing", "all-in", "papertrader.router.long-only", "true"),
                "orders", Map.of("papertrader.execution.fees", "none"));
        try (LocalStack stack = new LocalStack(new LocalStack.Settings(dataDirectory, base.externalDatabase(),
                base.externalBroker(), 0, 0, services, base.launcher(), READY_TIMEOUT, STOP_GRACE, properties), out)) {
            stack.start();

            String router = Files.readString(dataDirectory.resolve("logs").resolve("router.log"));
            String orders = Files.readString(dataDirectory.resolve("logs").resolve("orders.log"));
            assertThat(router).contains("fake service: env PAPERTRADER_ROUTER_LONG_ONLY=true",
                            "fake service: env PAPERTRADER_ROUTER_SIZING=all-in",
                            "fake service: env QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=60S")
                    .doesNotContain("PAPERTRADER_EXECUTION");
            assertThat(orders).contains("fake service: env PAPERTRADER_EXECUTION_FEES=none").doesNotContain("PAPERTRADER_ROUTER");
        }
    }

    @Test
    void aServiceThatExitsDuringTheStartFailsItWithItsExitCodeAndLog() {
        ServiceSpec monitor = ServiceSpec.named("monitor").withPort(PortCheck.freePort("127.0.0.1"));
        LocalStack stack = new LocalStack(external(List.of(monitor), FakeServiceLauncher.allIn("crash")), out);

        assertThatThrownBy(stack::start)
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("monitor exited with code 3 before it was ready.")
                .hasMessageContaining("boom: cannot start");
    }

    @Test
    void aServiceIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        ServiceSpec orders = ServiceSpec.named("orders").withPort(PortCheck.freePort("127.0.0.1"));
        LocalStack.Settings base = external(List.of(orders), FakeServiceLauncher.allIn("ignore-sigterm"));
        LocalStack stack = new LocalStack(new LocalStack.Settings(base.dataDirectory(), base.externalDatabase(),
                base.externalBroker(), 0, 0, base.services(), base.launcher(), READY_TIMEOUT, Duration.ofSeconds(1)), out);
        stack.start();
        SupervisedService service = stack.services().getFirst();

        stack.close();

        assertThat(service.process().isAlive()).isFalse();
        assertThat(service.process().exitValue()).as("SIGKILL").isEqualTo(137);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("orders did not stop within 1 s of SIGTERM and was killed");
        assertThat(Files.readString(service.logFile())).contains("SIGTERM received").doesNotContain("fake service: stopped");
    }

    @Test
    void servicesOnExternalServersUseTheirOwnRolesAndOneDyingStopsTheStackWithStatusOne() throws Exception {
        List<ServiceSpec> services = List.of(
                ServiceSpec.named("monitor").withPort(PortCheck.freePort("127.0.0.1")),
                ServiceSpec.named("portfolio").withPort(PortCheck.freePort("127.0.0.1")));
        LocalStack stack = new LocalStack(external(services, FakeServiceLauncher.allIn("healthy")), out);
        stack.start();
        SupervisedService portfolio = stack.services().get(1);
        assertThat(Files.readString(dataDirectory.resolve("logs").resolve("monitor.log")))
                .contains("database user monitor_svc, schema monitor");
        assertThat(Files.readString(portfolio.logFile())).contains("database user portfolio_svc, schema portfolio");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("(external)").doesNotContain("Starting PostgreSQL");

        stack.services().getFirst().process().destroyForcibly();
        int status = stack.awaitTermination();

        assertThat(status).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("monitor exited with code 137; stopping the stack.");
        assertThat(portfolio.process().isAlive()).isFalse();
        assertThat(Files.readString(portfolio.logFile())).contains("fake service: stopped");
    }

    @Test
    void stoppingDuringTheStartStopsWhatWasStarted() throws Exception {
        ServiceSpec router = ServiceSpec.named("router").withPort(PortCheck.freePort("127.0.0.1"));
        LocalStack stack = new LocalStack(external(List.of(router), FakeServiceLauncher.allIn("never-ready")), out);
        CompletableFuture<Throwable> start = CompletableFuture.supplyAsync(() -> {
            try {
                stack.start();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Path log = dataDirectory.resolve("logs").resolve("router.log");
        while (!(Files.exists(log) && Files.readString(log).contains("listening"))) {
            Thread.sleep(50);
        }

        stack.close(); // what the shutdown hook does on Ctrl-C

        assertThat(start.get(10, TimeUnit.SECONDS)).isInstanceOf(LocalStackException.class)
                .hasMessage("router: start cancelled, the stack is stopping");
        assertThat(stack.services().getFirst().process().isAlive()).isFalse();
    }

    @Test
    void missingModulesUnbuiltJarsAndBusyPortsAreAllReportedBeforeAnythingStarts(@TempDir Path emptyCheckout) throws Exception {
        Files.createDirectories(emptyCheckout.resolve("monitor-service"));
        Files.writeString(emptyCheckout.resolve("monitor-service").resolve("pom.xml"), "<project/>");
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            List<ServiceSpec> services = List.of(ServiceSpec.named("monitor").withPort(busy.getLocalPort()),
                    ServiceSpec.named("orders").withPort(PortCheck.freePort("127.0.0.1")));
            LocalStack stack = new LocalStack(new LocalStack.Settings(dataDirectory, Optional.empty(), Optional.empty(),
                    PortCheck.freePort("127.0.0.1"), PortCheck.freePort("127.0.0.1"), services,
                    QuarkusJarLauncher.withCurrentJava(emptyCheckout, List.of()), READY_TIMEOUT, STOP_GRACE), out);

            assertThatThrownBy(stack::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("monitor is not built: " + emptyCheckout.resolve("monitor-service/target/quarkus-app/quarkus-run.jar")
                            + " does not exist. Build it with ./mvnw -B -pl monitor-service -am package -DskipTests")
                    .hasMessageContaining("monitor cannot listen on port " + busy.getLocalPort() + ": it is in use")
                    .hasMessageContaining("orders cannot be started: there is no module order-service in " + emptyCheckout
                            + " (choose services with --services, or start none with --infra-only).");
            assertThat(stack.database()).as("PostgreSQL was not started").isNull();
            assertThat(dataDirectory.resolve("pg")).doesNotExist();
        }
    }

    @Test
    void anUnreachableExternalBrokerIsNamed() {
        int closedPort = PortCheck.freePort("127.0.0.1");
        LocalStack.Settings base = external(List.of(), FakeServiceLauncher.allIn("healthy"));
        LocalStack stack = new LocalStack(new LocalStack.Settings(dataDirectory, base.externalDatabase(),
                Optional.of(BrokerEndpoint.anonymous("127.0.0.1", closedPort)), 0, 0,
                List.of(), base.launcher(), READY_TIMEOUT, STOP_GRACE), out);

        assertThatThrownBy(stack::start)
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("cannot reach the AMQP broker at amqp://127.0.0.1:" + closedPort + ": ");
    }

    @Test
    void theGatewayRoutesToTheRunningServicesAndEachServiceGetsTheTokenKey() throws Exception {
        ServiceSpec orders = ServiceSpec.named("orders").withPort(PortCheck.freePort("127.0.0.1"));
        int gatewayPort = PortCheck.freePort("127.0.0.1");
        LocalStack.Settings base = external(List.of(orders), FakeServiceLauncher.allIn("healthy"));
        try (LocalStack stack = new LocalStack(new LocalStack.Settings(dataDirectory, base.externalDatabase(),
                base.externalBroker(), 0, 0, base.services(), base.launcher(), READY_TIMEOUT, STOP_GRACE, Map.of(),
                gatewayPort), out)) {
            stack.start();

            Path publicKey = dataDirectory.resolve("keys").resolve("jwt-public.pem");
            assertThat(publicKey).isNotEmptyFile();
            assertThat(Files.readString(dataDirectory.resolve("logs").resolve("orders.log")))
                    .contains("fake service: token key " + publicKey);
            assertThat(stack.gateway().port()).isEqualTo(gatewayPort);
            try (HttpClient http = HttpClient.newHttpClient()) {
                // the fake orders service answers its readiness path; through the gateway, /api/orders/... reaches it
                // (it has no such path: its own 404), while / belongs to the monitor, which is not running: 502
                HttpResponse<String> toOrders = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                        + "/api/orders/orders")).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> toMonitor = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                        + "/api/monitor/signals")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(toOrders.statusCode()).isEqualTo(404);
                assertThat(toMonitor.statusCode()).isEqualTo(502);
            }
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("gateway    http://localhost:" + gatewayPort,
                    "./papertrader token --role viewer --data-dir " + dataDirectory.toAbsolutePath().normalize());
        }
        assertThat(PortCheck.isFree("127.0.0.1", gatewayPort)).as("gateway stopped").isTrue();
    }

    private LocalStack.Settings external(List<ServiceSpec> services, ServiceLauncher launcher) {
        return new LocalStack.Settings(dataDirectory, Optional.of(LocalInfraTestResource.database()),
                Optional.of(LocalInfraTestResource.broker()), 0, 0, services, launcher, READY_TIMEOUT, STOP_GRACE);
    }

    private static LocalStack.Settings withReadyTimeout(LocalStack.Settings settings, Duration timeout) {
        return new LocalStack.Settings(settings.dataDirectory(), settings.externalDatabase(), settings.externalBroker(),
                settings.postgresPort(), settings.amqpPort(), settings.services(), settings.launcher(), timeout,
                settings.stopGracePeriod());
    }

    private static int readiness(ServiceSpec service) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + SupervisedService.READINESS_PATH)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
