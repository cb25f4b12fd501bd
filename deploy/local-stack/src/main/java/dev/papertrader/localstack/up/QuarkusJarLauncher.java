package dev.papertrader.localstack.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a service's Quarkus build output: {@code java [jvm options] [start-up cache options] -jar
 * <module>/target/quarkus-app/quarkus-run.jar}.
 *
 * @param repositoryRoot        where the service modules are
 * @param java                  the java executable
 * @param jvmOptions            options put before {@code -jar}
 * @param startupCacheDirectory where each service's {@link StartupCache} lives; none for no cache. Used only when
 *                              {@code java} is the running JVM's, whose version says which cache it supports
 */
public record QuarkusJarLauncher(Path repositoryRoot, Path java, List<String> jvmOptions, Optional<Path> startupCacheDirectory)
        implements ServiceLauncher {

    /**
     * The JVM options {@code ./papertrader up} gives every service, space-separated: small services on a developer machine start
     * faster and hold less memory with them (deploy/measure-startup.sh measures it; README "Service start time and
     * memory").
     * <ul>
     *   <li>{@code -XX:TieredStopAtLevel=1}: the C1 compiler only; no C2 compilations during start, less code cache.
     *       Peak throughput is lower, which a service waiting on its database and broker does not notice.</li>
     *   <li>{@code -XX:+UseSerialGC}: no parallel GC threads and their memory; pauses are short on a small heap.</li>
     *   <li>{@code -Xss512k}: half the default thread stack reservation.</li>
     *   <li>{@code -XX:MaxRAM=512m}: sizes the heap as for a 512 MB machine (at most 128 MB, starting at 8 MB)
     *       instead of a quarter of the host's memory.</li>
     * </ul>
     */
    public static final String DEFAULT_SERVICE_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAM=512m";

    /** Environment variable that replaces {@link #DEFAULT_SERVICE_JVM_OPTIONS} for {@code up}, {@code loadtest} and {@code chaos}. */
    public static final String SERVICE_JVM_OPTIONS_ENV = "PAPERTRADER_SERVICE_JVM_OPTS";

    public QuarkusJarLauncher {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The services' JVM options: {@value #SERVICE_JVM_OPTIONS_ENV} when set, else the defaults. */
    public static List<String> serviceJvmOptions(Map<String, String> environment) {
        String options = environment.get(SERVICE_JVM_OPTIONS_ENV);
        return splitOptions(options == null || options.isBlank() ? DEFAULT_SERVICE_JVM_OPTIONS : options);
    }

    /** Without a start-up cache. */
    public QuarkusJarLauncher(Path repositoryRoot, Path java, List<String> jvmOptions) {
        this(repositoryRoot, java, jvmOptions, Optional.empty());
    }

    /** Uses the java executable of the running JVM, without a start-up cache. */
    public static QuarkusJarLauncher withCurrentJava(Path repositoryRoot, List<String> jvmOptions) {
        return withCurrentJava(repositoryRoot, jvmOptions, Optional.empty());
    }

    /** Uses the java executable of the running JVM. */
    public static QuarkusJarLauncher withCurrentJava(Path repositoryRoot, List<String> jvmOptions,
                                                     Optional<Path> startupCacheDirectory) {
        return new QuarkusJarLauncher(repositoryRoot, currentJava(), jvmOptions, startupCacheDirectory);
    }

    /** Options written on one line, separated by white space, as a list. */
    public static List<String> splitOptions(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    @Override
    public List<String> command(ServiceSpec service) {
        Path jar = service.jar(repositoryRoot);
        if (!Files.isRegularFile(repositoryRoot.resolve(service.module()).resolve("pom.xml"))) {
            throw new LocalStackException(service.name() + " cannot be started: there is no module " + service.module()
                    + " in " + repositoryRoot + " (choose services with --services, or start none with --infra-only).");
        }
        if (!Files.isRegularFile(jar)) {
            throw new LocalStackException(service.name() + " is not built: " + jar + " does not exist. Build it with"
                    + " ./mvnw -B -pl " + service.module() + " -am package -DskipTests (./papertrader up does it for you).");
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        if (startupCacheDirectory.isPresent() && java.equals(currentJava())) {
            createDirectories(startupCacheDirectory.get());
            command.addAll(StartupCache.options(Runtime.version().feature(), startupCacheDirectory.get(), service.name(), jar));
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
