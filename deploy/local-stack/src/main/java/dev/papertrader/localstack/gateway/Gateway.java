package dev.papertrader.localstack.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for the Kubernetes ingress: one HTTP port in front of the services that routes each request by the
 * longest matching path prefix of {@link Route}s (from {@code k8s/routes.json}) to its service, path unchanged,
 * WebSocket upgrades included. The proxying is Vert.x's reverse proxy ({@code vertx-http-proxy}); a path no route
 * matches, or a route whose service is not running, answers 502.
 */
public final class Gateway implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /**
     * Listens on {@code host:port} (0 for any free port).
     *
     * @param backends the HTTP port of each service named in the routes (Kubernetes Service name → port on 127.0.0.1)
     */
    public static Gateway start(String host, int port, List<Route> routes, Map<String, Integer> backends) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        try {
            HttpClient client = vertx.createHttpClient();
            Map<String, HttpProxy> proxies = new LinkedHashMap<>();
            backends.forEach((service, backendPort) -> proxies.put(service,
                    HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client).origin(backendPort, "127.0.0.1")));
            // HTTP/1.1 only, like the services: an h2c upgrade would carry the services' hop-by-hop headers
            // (Connection) into HTTP/2 responses, which HTTP/2 clients reject
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(request -> route(request, routes, proxies))
                    .listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new Gateway(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the gateway cannot listen on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    private static void route(HttpServerRequest request, List<Route> routes, Map<String, HttpProxy> proxies) {
        Optional<HttpProxy> proxy = Route.select(routes, request.path()).map(Route::service).map(proxies::get);
        if (proxy.isPresent()) {
            proxy.get().handle(request);
        } else {
            request.response().setStatusCode(502).putHeader("content-type", "text/plain")
                    .end("no running service for " + request.path() + "\n");
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
