package dev.papertrader.localstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.up.RepositoryLayout;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway routes like the ingress: real HTTP servers behind it, real requests and a WebSocket through it. */
class GatewayTest {

    private Vertx vertx;
    private Map<String, Integer> backends;
    private Gateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startBackends() throws Exception {
        vertx = Vertx.vertx();
        backends = Map.of("monitor-service", echo("monitor"), "signal-router-service", echo("router"),
                "order-service", echo("orders"), "portfolio-service", echo("portfolio"));
        gateway = Gateway.start("127.0.0.1", 0, Route.bundled(), backends);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A backend that answers "<name> <method> <path?query> <authorization>" and echoes WebSocket text. */
    private int echo(String name) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage(name + " " + socket.path() + " " + text)))
                .requestHandler(request -> request.body().onSuccess(body -> request.response().end(name + " " + request.method()
                        + " " + request.uri() + " " + request.getHeader("Authorization") + " " + body)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer abc").build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void eachPrefixReachesItsServiceWithPathQueryAndHeadersUnchanged() throws Exception {
        assertThat(get("/api/monitor/signals?size=2")).isEqualTo("monitor GET /api/monitor/signals?size=2 Bearer abc ");
        assertThat(get("/api/router/decisions")).startsWith("router GET /api/router/decisions ");
        assertThat(get("/api/orders/orders/o-1")).startsWith("orders GET /api/orders/orders/o-1 ");
        assertThat(get("/api/portfolio/accounts/default")).startsWith("portfolio GET /api/portfolio/accounts/default ");
        assertThat(get("/")).startsWith("monitor GET / ");
        // a prefix matches whole path elements, as an ingress Prefix does: /api/ordersx is not /api/orders
        assertThat(get("/api/ordersx")).startsWith("monitor GET /api/ordersx ");

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/api/orders/orders")).POST(HttpRequest.BodyPublishers.ofString("{\"qty\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.body()).isEqualTo("orders POST /api/orders/orders null {\"qty\":1}");
    }

    @Test
    void aWebSocketUpgradeOnTheAlertsPathReachesTheMonitor() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = vertx.createHttpClient().webSocket(gateway.port(), "127.0.0.1", "/ws/alerts")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(reply::complete);
        socket.writeTextMessage("hello");
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("monitor /ws/alerts hello");
        socket.close();
    }

    @Test
    void theAlpacaApiPathsReachTheRouterWithTheirHeaders() throws Exception {
        HttpResponse<String> account = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/v2/account")).header("APCA-API-KEY-ID", "PKTEST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(account.body()).isEqualTo("router GET /v2/account null ");
        // the SDK's getOrderByClientId: a colon inside the last path element
        assertThat(get("/v2/orders:by_client_order_id?client_order_id=c-1"))
                .startsWith("router GET /v2/orders:by_client_order_id?client_order_id=c-1 ");
        HttpResponse<String> replace = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/v2/orders/o-1")).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"limit_price\":\"9\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replace.body()).isEqualTo("router PATCH /v2/orders/o-1 null {\"limit_price\":\"9\"}");
        assertThat(get("/v2x")).as("only the whole element /v2").startsWith("monitor GET /v2x ");
    }

    @Test
    void aWebSocketUpgradeOnTheAlpacaStreamPathReachesTheRouter() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = vertx.createHttpClient().webSocket(gateway.port(), "127.0.0.1", "/stream")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(reply::complete);
        socket.writeTextMessage("{\"action\":\"listen\"}");
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("router /stream {\"action\":\"listen\"}");
        socket.close();
    }

    @Test
    void aServiceThatIsNotRunningIs502() throws Exception {
        gateway.close();
        gateway = Gateway.start("127.0.0.1", 0, Route.bundled(), Map.of("monitor-service", backends.get("monitor-service")));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/api/orders/orders")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(502);
    }

    @Test
    void theBundledRoutesAreK8sRoutesJson() throws Exception {
        Path root = RepositoryLayout.findRootAbove(Path.of("")).orElseThrow();
        assertThat(Route.bundled()).isEqualTo(Route.parse(Files.readString(root.resolve("k8s/routes.json"))));
        assertThat(Route.bundled()).extracting(Route::path)
                .containsExactly("/api/monitor", "/api/router", "/api/orders", "/api/portfolio", "/v2", "/stream", "/ws/alerts", "/");
    }

    @Test
    void theLongestMatchingPrefixWins() {
        List<Route> routes = List.of(new Route("/", "root", "dashboard"), new Route("/api/a", "a", "rest"),
                new Route("/api/a/b", "ab", "rest"));
        assertThat(Route.select(routes, "/api/a/b/c")).map(Route::service).contains("ab");
        assertThat(Route.select(routes, "/api/a/bc")).map(Route::service).contains("a");
        assertThat(Route.select(routes, "/api/a")).map(Route::service).contains("a");
        assertThat(Route.select(routes, "/other")).map(Route::service).contains("root");
        assertThat(Route.select(routes.subList(1, 3), "/other")).isEmpty();
    }
}
