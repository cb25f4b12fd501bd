package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.localstack.broker.BrokerEndpoint;
import dev.papertrader.localstack.database.DatabaseServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of {@code ./papertrader up}, parsed by picocli as the command-mode application does. */
class UpCommandTest {

    private static LocalStack.Settings parse(String... args) {
        UpCommand command = new UpCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void byDefaultEverythingIsEmbeddedAndKeptInTheCheckoutsDotPapertrader() {
        LocalStack.Settings settings = parse("--repo", "/work/checkout");

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/work/checkout/.papertrader"));
        assertThat(settings.postgresPort()).isEqualTo(55432);
        assertThat(settings.amqpPort()).isEqualTo(5672);
        assertThat(settings.services()).isEqualTo(ServiceSpec.ALL);
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.stopGracePeriod()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.launcher()).isInstanceOfSatisfying(QuarkusJarLauncher.class,
                launcher -> assertThat(launcher.repositoryRoot()).isEqualTo(Path.of("/work/checkout")));
        if (System.getenv("PAPERTRADER_DB_URL") == null && System.getenv("PAPERTRADER_AMQP_URL") == null) {
            assertThat(settings.externalDatabase()).isEmpty();
            assertThat(settings.externalBroker()).isEmpty();
        }
    }

    @Test
    void theCheckoutIsFoundAboveTheWorkingDirectory() {
        Path moduleDirectory = Path.of("").toAbsolutePath();
        assertThat(RepositoryLayout.findRootAbove(moduleDirectory))
                .contains(moduleDirectory.getParent().getParent()); // deploy/local-stack → the checkout
    }

    @Test
    void externalServersPortsServicesAndTimeoutsCanBeChosen() {
        LocalStack.Settings settings = parse("--data-dir", "/tmp/pt", "--services", "orders,portfolio",
                "--db-url", "jdbc:postgresql://db:5432/papertrader", "--db-superuser", "admin", "--db-password", "pw",
                "--amqp-url", "amqp://u:p@mq:5673", "--pg-port", "6000", "--amqp-port", "6001",
                "--ready-timeout", "30", "--stop-timeout", "5");

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/tmp/pt"));
        assertThat(settings.services()).extracting(ServiceSpec::name).containsExactly("orders", "portfolio");
        assertThat(settings.externalDatabase()).contains(new DatabaseServer("db", 5432, "papertrader", "admin", "pw"));
        assertThat(settings.externalBroker()).contains(new BrokerEndpoint("mq", 5673, "u", "p"));
        assertThat(settings.postgresPort()).isEqualTo(6000);
        assertThat(settings.amqpPort()).isEqualTo(6001);
        assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.stopGracePeriod()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theServicesAreConfiguredForTheReferenceRunAtAWatchablePaceUnlessToldOtherwise() {
        if (System.getenv("PAPERTRADER_REPLAY_SPEED") == null) {
            assertThat(parse().serviceProperties()).isEqualTo(ReferenceRun.serviceProperties(5));
        }
        assertThat(parse("--speed", "0").serviceProperties()).isEqualTo(ReferenceRun.serviceProperties(0));
        assertThat(parse("--speed", "20").serviceProperties().get("monitor"))
                .containsEntry("papertrader.monitor.feed.speed", "20");
        assertThatThrownBy(() -> parse("--speed", "-2")).hasMessageContaining("--speed must be 0");
    }

    @Test
    void servicesRunWithTheSmallServiceJvmOptionsAndAStartupCacheInTheDataDirectory() {
        LocalStack.Settings settings = parse("--data-dir", "/tmp/pt");
        if (System.getenv("PAPERTRADER_SERVICE_JVM_OPTS") == null) {
            assertThat(settings.launcher()).isInstanceOfSatisfying(QuarkusJarLauncher.class, launcher -> {
                assertThat(launcher.jvmOptions())
                        .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAM=512m");
                assertThat(launcher.startupCacheDirectory()).contains(Path.of("/tmp/pt/cache"));
            });
        }
        assertThat(parse("--service-jvm-options", " -Xmx64m  -Xss1m ", "--no-startup-cache").launcher())
                .isInstanceOfSatisfying(QuarkusJarLauncher.class, launcher -> {
                    assertThat(launcher.jvmOptions()).containsExactly("-Xmx64m", "-Xss1m");
                    assertThat(launcher.startupCacheDirectory()).isEmpty();
                });
        assertThat(parse("--service-jvm-options", "").launcher())
                .isInstanceOfSatisfying(QuarkusJarLauncher.class, launcher -> assertThat(launcher.jvmOptions()).isEmpty());
    }

    @Test
    void infraOnlyStartsNoService() {
        assertThat(parse("--infra-only").services()).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> parse("--services", "monitor,nope")).hasMessageContaining("unknown service 'nope'");
        assertThatThrownBy(() -> parse("--amqp-url", "http://mq")).hasMessageContaining("expected a URL like amqp://");
        assertThatThrownBy(() -> parse("--ready-timeout", "0")).hasMessageContaining("must be positive");
        assertThat(parse("--db-url", " ").externalDatabase()).isEqualTo(Optional.empty());
    }
}
