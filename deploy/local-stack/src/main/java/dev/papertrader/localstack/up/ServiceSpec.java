package dev.papertrader.localstack.up;

import dev.papertrader.localstack.ServiceRole;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One service of the local stack: what to run and where it listens.
 *
 * @param name   short name used on the command line and for its log file ({@code logs/<name>.log})
 * @param module Maven module directory, relative to the repository root
 * @param port   its HTTP port ({@code QUARKUS_HTTP_PORT})
 * @param role   its database role and schema
 */
public record ServiceSpec(String name, String module, int port, ServiceRole role) {

    /** The four services, in start order. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("monitor", "monitor-service", 8081, ServiceRole.MONITOR),
            new ServiceSpec("router", "signal-router-service", 8082, ServiceRole.ROUTER),
            new ServiceSpec("orders", "order-service", 8083, ServiceRole.ORDERS),
            new ServiceSpec("portfolio", "portfolio-service", 8084, ServiceRole.PORTFOLIO));

    /** The runnable jar the Quarkus build leaves in the module: {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * What a user reaches on this service, for the start banner of {@code up}: its main REST resources, relative to
     * {@link #baseUrl()} or the gateway (each needs a bearer token). Every service also has {@code /q/health},
     * {@code /q/openapi} and {@code /q/metrics}.
     */
    public List<String> highlights() {
        return switch (name) {
            case "monitor" -> List.of("GET /api/monitor/signals", "GET|POST /api/monitor/watchlist",
                    "GET /api/monitor/feed, POST /api/monitor/feed/start|stop", "GET /api/monitor/events");
            case "router" -> List.of("GET /api/router/decisions", "GET|PUT /api/router/risk",
                    "GET /api/router/status, POST /api/router/halt|resume");
            case "orders" -> List.of("GET|POST /api/orders/orders", "GET /api/orders/fills");
            case "portfolio" -> List.of("GET /api/portfolio/accounts/default", ".../positions", ".../trades", ".../equity",
                    ".../performance");
            default -> List.of();
        };
    }

    /** The same service on another port (tests, or a port clash). */
    public ServiceSpec withPort(int otherPort) {
        return new ServiceSpec(name, module, otherPort, role);
    }

    /** Finds one of {@link #ALL} by name (case-insensitive); the error lists the valid names. */
    public static ServiceSpec named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(spec -> spec.name.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'; expected some of "
                        + ALL.stream().map(ServiceSpec::name).collect(Collectors.joining(","))));
    }

    /** Reads a comma-separated list of names ({@code monitor,orders}); duplicates are dropped. */
    public static List<ServiceSpec> parseList(String names) {
        return Arrays.stream(names.split(","))
                .map(String::trim)
                .filter(part -> !part.isEmpty())
                .map(ServiceSpec::named)
                .distinct()
                .toList();
    }
}
