package dev.papertrader.localstack.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One path the ingress routes, as listed in {@code k8s/routes.json} (the single list of routes; the build bundles a
 * copy as {@value #BUNDLED_ROUTES}).
 *
 * @param path    a path prefix, matched element by element like an ingress {@code pathType: Prefix}
 * @param service the Kubernetes Service name, which is also the Maven module of the service
 * @param kind    rest, websocket or dashboard
 */
public record Route(String path, String service, String kind) {

    /** Classpath copy of {@code k8s/routes.json}. */
    public static final String BUNDLED_ROUTES = "dev/papertrader/localstack/gateway/routes.json";

    /** Whether {@code requestPath} falls under this prefix: equal to it, or below it ({@code /api/orders/x}), or it is {@code /}. */
    public boolean matches(String requestPath) {
        return path.equals("/") || requestPath.equals(path) || requestPath.startsWith(path + "/");
    }

    /** The route of {@code requestPath}: the longest matching prefix, as the ingress chooses. */
    public static Optional<Route> select(List<Route> routes, String requestPath) {
        return routes.stream().filter(route -> route.matches(requestPath))
                .max(Comparator.comparingInt(route -> route.path().length()));
    }

    /** The routes of a {@code routes.json} text. */
    public static List<Route> parse(String json) {
        JsonArray array = new JsonObject(json).getJsonArray("routes");
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject route = array.getJsonObject(i);
            routes.add(new Route(route.getString("path"), route.getString("service"), route.getString("kind")));
        }
        return List.copyOf(routes);
    }

    /** The routes bundled at build time from {@code k8s/routes.json}. */
    public static List<Route> bundled() {
        try (InputStream in = Route.class.getClassLoader().getResourceAsStream(BUNDLED_ROUTES)) {
            if (in == null) {
                throw new IllegalStateException("missing " + BUNDLED_ROUTES + " (the build copies it from k8s/routes.json)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
