package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of a service run from its Quarkus jar. */
class QuarkusJarLauncherTest {

    @TempDir
    Path checkout;

    @Test
    void theJvmOptionsThenTheStartupCacheOptionsComeBeforeTheJar() throws Exception {
        ServiceSpec orders = ServiceSpec.named("orders");
        Path jar = built(orders);
        Path cache = checkout.resolve(".papertrader").resolve("cache");

        List<String> command = QuarkusJarLauncher.withCurrentJava(checkout, List.of("-Xss512k"), Optional.of(cache)).command(orders);

        List<String> cacheOptions = StartupCache.options(Runtime.version().feature(), cache, "orders", jar);
        assertThat(command.getFirst()).endsWith("/bin/java");
        assertThat(command.subList(1, command.size())).containsExactlyElementsOf(
                concat(List.of("-Xss512k"), cacheOptions, List.of("-jar", jar.toString())));
        assertThat(cache).as("created for the JVM to write into").isDirectory();
    }

    @Test
    void anotherJavaThanTheRunningOneGetsNoCacheOptionsAsItsVersionIsUnknown() throws Exception {
        ServiceSpec router = ServiceSpec.named("router");
        Path jar = built(router);

        List<String> command = new QuarkusJarLauncher(checkout, Path.of("/opt/other-jdk/bin/java"), List.of(),
                Optional.of(checkout.resolve("cache"))).command(router);

        assertThat(command).containsExactly("/opt/other-jdk/bin/java", "-jar", jar.toString());
    }

    @Test
    void optionsOnOneLineAreSplitAtWhiteSpace() {
        assertThat(QuarkusJarLauncher.splitOptions(QuarkusJarLauncher.DEFAULT_SERVICE_JVM_OPTIONS))
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAM=512m");
        assertThat(QuarkusJarLauncher.splitOptions("  -Xmx64m \t -Xss1m ")).containsExactly("-Xmx64m", "-Xss1m");
        assertThat(QuarkusJarLauncher.splitOptions(" ")).isEmpty();
        assertThat(QuarkusJarLauncher.splitOptions(null)).isEmpty();
    }

    private Path built(ServiceSpec service) throws Exception {
        Files.createDirectories(checkout.resolve(service.module()));
        Files.writeString(checkout.resolve(service.module()).resolve("pom.xml"), "<project/>");
        Path jar = service.jar(checkout);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        return jar;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
