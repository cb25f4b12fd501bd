package dev.papertrader.localstack.up;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the papertrader checkout the service modules are built in. */
public final class RepositoryLayout {

    /** Set by the {@code ./papertrader} launcher to the checkout it lives in. */
    public static final String ROOT_ENVIRONMENT_VARIABLE = "PAPERTRADER_ROOT";

    private RepositoryLayout() {
    }

    /**
     * The checkout: {@value #ROOT_ENVIRONMENT_VARIABLE} when set, else the nearest directory holding
     * {@code deploy/local-stack/pom.xml} above the working directory, else above this code's jar, else the working
     * directory.
     */
    public static Path locateRoot() {
        String fromEnvironment = System.getenv(ROOT_ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath().normalize();
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        return findRootAbove(workingDirectory)
                .or(() -> codeLocation().flatMap(RepositoryLayout::findRootAbove))
                .orElse(workingDirectory);
    }

    /** The nearest directory at or above {@code start} that contains {@code deploy/local-stack/pom.xml}. */
    public static Optional<Path> findRootAbove(Path start) {
        for (Path candidate = start.toAbsolutePath().normalize(); candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("deploy").resolve("local-stack").resolve("pom.xml"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(RepositoryLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
