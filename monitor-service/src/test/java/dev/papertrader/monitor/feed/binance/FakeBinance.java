package dev.papertrader.monitor.feed.binance;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that speaks Binance's public market data protocol and plays fixture files: the WebSocket
 * {@code /ws} endpoint (SUBSCRIBE, then the scripted frames) and {@code GET /api/v3/klines} (rows of
 * {@code klines-BTCUSDT-1m.json} in the requested range; scripted 429 answers with Retry-After).
 *
 * <p>A script ({@code ws-*.txt}) has one section per connection, separated by {@code #connection}; the n-th
 * connection plays the n-th section once it has received its first SUBSCRIBE. In a section, {@code #ping PAYLOAD}
 * sends a ping frame, {@code #drop} closes the connection, other lines starting with {@code #} are comments, and
 * every other line is sent as one text frame, verbatim. After its section a connection stays open and silent.
 */
public final class FakeBinance implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final JsonArray klines = new JsonArray(BinanceMessagesTests.resource("klines-BTCUSDT-1m.json"));
    private volatile List<List<String>> sections = List.of();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger rateLimitedAnswers = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    /** Text messages the clients sent (SUBSCRIBE, UNSUBSCRIBE), in order. */
    public final List<String> received = new CopyOnWriteArrayList<>();
    /** Payloads of the pongs received. */
    public final List<String> pongs = new CopyOnWriteArrayList<>();
    /** Query strings of the klines requests, in order. */
    public final List<String> restRequests = new CopyOnWriteArrayList<>();

    public FakeBinance() {
        try {
            server = vertx.createHttpServer().webSocketHandler(this::onWebSocket).requestHandler(this::onRequest)
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake Binance did not start", e);
        }
    }

    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + server.actualPort();
    }

    /** Plays {@code ws-NAME.txt} on the next connections (the connection count restarts) and forgets what was seen. */
    public FakeBinance play(String fixture) {
        List<List<String>> parsed = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : BinanceMessagesTests.resource(fixture).lines().toList()) {
            if (line.equals("#connection")) {
                parsed.add(current);
                current = new ArrayList<>();
            } else if (!line.isBlank()) {
                current.add(line);
            }
        }
        parsed.add(current);
        sections = parsed;
        connections.set(0);
        rateLimitedAnswers.set(0);
        received.clear();
        pongs.clear();
        restRequests.clear();
        return this;
    }

    /** The next {@code count} klines requests are answered 429 with {@code Retry-After: seconds}. */
    public FakeBinance rateLimitNext(int count, int seconds) {
        rateLimitedAnswers.set(count);
        retryAfterSeconds = seconds;
        return this;
    }

    public int connections() {
        return connections.get();
    }

    private void onWebSocket(ServerWebSocket socket) {
        if (!socket.path().equals("/ws")) {
            socket.reject(404);
            return;
        }
        int index = connections.getAndIncrement();
        boolean[] started = {false};
        socket.pongHandler(payload -> pongs.add(payload.toString()));
        socket.textMessageHandler(text -> {
            received.add(text);
            if (!started[0]) {
                started[0] = true;
                play(socket, index < sections.size() ? sections.get(index) : List.of());
            }
        });
    }

    private static void play(ServerWebSocket socket, List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("#ping")) {
                socket.writePing(Buffer.buffer(line.substring("#ping".length()).strip()));
            } else if (line.equals("#drop")) {
                socket.close();
                return;
            } else if (!line.startsWith("#")) {
                socket.writeTextMessage(line);
            }
        }
    }

    private void onRequest(HttpServerRequest request) {
        if (!request.path().equals("/api/v3/klines")) {
            request.response().setStatusCode(404).end();
            return;
        }
        restRequests.add(request.query());
        if (rateLimitedAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            request.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(retryAfterSeconds))
                    .putHeader("Content-Type", "application/json")
                    .end("{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP(127.0.0.1) is 6000 requests"
                            + " per minute. Please use the websocket for live updates to avoid polling the API.\"}");
            return;
        }
        String symbol = request.getParam("symbol");
        long start = Long.parseLong(request.getParam("startTime", "0"));
        long end = Long.parseLong(request.getParam("endTime", String.valueOf(Long.MAX_VALUE)));
        int limit = Integer.parseInt(request.getParam("limit", "500"));
        JsonArray rows = new JsonArray();
        if ("BTCUSDT".equals(symbol) && "1m".equals(request.getParam("interval"))) {
            for (int i = 0; i < klines.size() && rows.size() < limit; i++) {
                long open = klines.getJsonArray(i).getLong(0);
                if (open >= start && open <= end) {
                    rows.add(klines.getJsonArray(i));
                }
            }
        }
        request.response().putHeader("Content-Type", "application/json").end(rows.encode());
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(Duration.ofSeconds(10).toSeconds(),
                TimeUnit.SECONDS).join();
    }
}
