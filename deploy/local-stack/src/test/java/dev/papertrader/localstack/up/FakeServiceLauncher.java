package dev.papertrader.localstack.up;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Launches {@link FakeService} with the test class path, in the mode chosen per service name. */
record FakeServiceLauncher(Map<String, String> modeByService) implements ServiceLauncher {

    static FakeServiceLauncher allIn(String mode) {
        return new FakeServiceLauncher(Map.of("monitor", mode, "router", mode, "orders", mode, "portfolio", mode));
    }

    @Override
    public List<String> command(ServiceSpec service) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // a small, short-lived JVM starts faster this way
                "-cp", System.getProperty("java.class.path"),
                FakeService.class.getName(), modeByService.getOrDefault(service.name(), "healthy"));
    }
}
