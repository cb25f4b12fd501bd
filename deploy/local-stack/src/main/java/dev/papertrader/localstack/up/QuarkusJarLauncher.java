package dev.papertrader.localstack.up;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a service's Quarkus build output: {@code java [jvm options] -jar <module>/target/quarkus-app/quarkus-run.jar}.
 *
 * @param repositoryRoot where the service modules are
 * @param java           the java executable
 * @param jvmOptions     options put before {@code -jar}
 */
public record QuarkusJarLauncher(Path repositoryRoot, Path java, List<String> jvmOptions) implements ServiceLauncher {

    public QuarkusJarLauncher {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Uses the java executable of the running JVM. */
    public static QuarkusJarLauncher withCurrentJava(Path repositoryRoot, List<String> jvmOptions) {
        return new QuarkusJarLauncher(repositoryRoot, Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions);
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
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}
