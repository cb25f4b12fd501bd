package dev.papertrader.monitor;

import static dev.papertrader.localstack.testing.ApiRequests.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.router.RouterRules;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.security.ApiRole;
import dev.papertrader.localstack.testing.TestTokens;
import dev.papertrader.monitor.alert.AlertEvent;
import dev.papertrader.monitor.alert.AlertHub;
import dev.papertrader.monitor.alert.AlertType;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /ws/alerts} with real WebSocket clients (Vert.x): events published on AMQP by "other services" arrive typed
 * and filtered; the upgrade needs a viewer token (header or the browser's subprotocol carrier); a client that does not
 * read loses its oldest events and is told, while the others get everything.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class AlertsTests {

    static final Instant T = Instant.parse("2013-03-05T00:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI root;

    @Inject
    AlertHub hub;

    final Vertx vertx = Vertx.vertx();
    final List<Client> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (Client client : clients) {
            client.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Fill fill(String id, String symbol, String account) {
        return new Fill(id, "order-" + id, account, symbol, Side.BUY, new BigDecimal("23.175"),
                new BigDecimal("431.25"), new BigDecimal("0.50"), T);
    }

    @Test
    void aFillPublishedOnAmqpArrivesAsATypedEventAndEachClientGetsWhatItsFilterPasses() throws Exception {
        Client all = connect("");
        Client aapl = connect("?symbols=AAPL");
        Client decisions = connect("?types=decision,risk-breach");
        Client other = connect("?account=other&types=fill");
        assertThat(aapl.subscribed().get("symbols").toString()).isEqualTo("[\"AAPL\"]");
        assertThat(decisions.subscribed().get("types").toString()).isEqualTo("[\"decision\",\"risk-breach\"]");
        assertThat(all.subscribed().get("bufferSize").asInt()).isEqualTo(8);
        assertThat(other.subscribed().get("accounts").toString()).isEqualTo("[\"other\"]");

        Decision halted = new Decision("dec-1", "sig-1", "acct", "macd-crossover", "AAPL", SignalType.BUY, false,
                RouterRules.KILL_SWITCH, "halted: market closed early", null, null, null, T);
        PortfolioSnapshot snapshot = new PortfolioSnapshot("acct", new BigDecimal("9000"), new BigDecimal("10010"),
                new BigDecimal("10010"), new BigDecimal("10000"), List.of(), T);
        // one at a time (the monitor reads its three queues concurrently), each awaited on the unfiltered client
        List<JsonNode> everything = new ArrayList<>();
        try (AmqpProbe probe = new AmqpProbe()) {
            probe.send("trading.fills", "f-aapl", "fill", JsonCodec.encode(fill("f-aapl", "AAPL", "acct")));
            everything.add(all.next(AlertType.FILL));
            probe.send("trading.fills", "f-msft", "fill", JsonCodec.encode(fill("f-msft", "MSFT", "acct")));
            everything.add(all.next(AlertType.FILL));
            probe.send("trading.decisions", "dec-1", "decision", JsonCodec.encode(halted));
            everything.add(all.next(AlertType.DECISION));
            everything.add(all.next(AlertType.RISK_BREACH));
            probe.send("portfolio.updates", null, "snapshot", JsonCodec.encode(snapshot));
            everything.add(all.next(AlertType.PORTFOLIO));
            probe.send("trading.fills", "f-other", "fill", JsonCodec.encode(fill("f-other", "AAPL", "other")));
            everything.add(all.next(AlertType.FILL));
        }

        assertThat(everything).extracting(AlertsTests::describe).containsExactly(
                "fill AAPL acct f-aapl", "fill MSFT acct f-msft", "decision AAPL acct dec-1",
                "risk-breach AAPL acct dec-1", "portfolio - acct -", "fill AAPL other f-other");
        JsonNode first = everything.get(0);
        assertThat(first.get("time").asText()).isEqualTo("2013-03-05T00:00:00Z");
        assertThat(first.get("payload").get("price").decimalValue()).isEqualByComparingTo("431.25");
        assertThat(first.get("payload").get("qty").toString()).isEqualTo("23.175");
        assertThat(first.get("payload").get("orderId").asText()).isEqualTo("order-f-aapl");
        assertThat(everything.get(3).get("payload").get("reason").asText()).isEqualTo("halted: market closed early");

        assertThat(aapl.awaitCount(5)).extracting(AlertsTests::describe).containsExactly(
                "fill AAPL acct f-aapl", "decision AAPL acct dec-1", "risk-breach AAPL acct dec-1",
                "portfolio - acct -", "fill AAPL other f-other");
        assertThat(decisions.awaitCount(2)).extracting(AlertsTests::describe).containsExactly(
                "decision AAPL acct dec-1", "risk-breach AAPL acct dec-1");
        assertThat(other.awaitCount(1)).extracting(AlertsTests::describe).containsExactly("fill AAPL other f-other");
        // nothing more arrives for the filtered clients
        Thread.sleep(300);
        assertThat(aapl.received()).isEmpty();
        assertThat(decisions.received()).isEmpty();
        assertThat(other.received()).isEmpty();
    }

    @Test
    void aFilterMessageReplacesTheFilterAndIsConfirmed() throws Exception {
        Client client = connect("?types=decision");
        assertThat(client.subscribed().get("types").toString()).isEqualTo("[\"decision\"]");
        client.socket.writeTextMessage("{\"types\":[\"fill\"],\"symbols\":[\"XYZ\"]}");
        JsonNode confirmed = client.next(AlertType.SUBSCRIBED).get("payload");
        assertThat(confirmed.get("types").toString()).isEqualTo("[\"fill\"]");
        assertThat(confirmed.get("symbols").toString()).isEqualTo("[\"XYZ\"]");
        hub.publish(new AlertEvent(AlertType.FILL, T, "AAPL", "acct", JsonCodec.mapper().createObjectNode()));
        hub.publish(new AlertEvent(AlertType.DECISION, T, "XYZ", "acct", JsonCodec.mapper().createObjectNode()));
        hub.publish(new AlertEvent(AlertType.FILL, T, "XYZ", "acct", JsonCodec.mapper().createObjectNode()));
        // messages keep their order per client: a decision that passed would have come before this fill
        assertThat(describe(client.next(AlertType.FILL))).isEqualTo("fill XYZ acct -");
        assertThat(client.received()).isEmpty();
    }

    @Test
    void aFilterThatCannotBeReadClosesTheConnectionWithPolicyViolation() throws Exception {
        Client unknownType = connect("?types=fills");
        assertThat(unknownType.closed.get(10, TimeUnit.SECONDS)).startsWith("1008 unknown alert type 'fills'");

        Client badMessage = connect("");
        badMessage.socket.writeTextMessage("{\"symbols\":\"AAPL\"}");
        assertThat(badMessage.closed.get(10, TimeUnit.SECONDS))
                .isEqualTo("1008 'symbols' must be an array of strings");
    }

    @Test
    void theUpgradeNeedsAViewerTokenWhichABrowserSendsAsASubprotocol() throws Exception {
        assertThat(rejection(null)).isEqualTo(401);
        assertThat(rejection("Bearer " + TestTokens.signedByAStranger())).isEqualTo(401);
        assertThat(rejection("Bearer not-a-jwt")).isEqualTo(401);
        // the header works for a viewer (connect() above uses a viewer's header)
        connect("?types=fill");

        // the browser way: no header, the token in a subprotocol the server turns into one
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + TestTokens.viewer(),
                StandardCharsets.UTF_8).replace("+", "%20");
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort())
                .setURI("/ws/alerts?types=fill").addSubProtocol("bearer-token-carrier").addSubProtocol(carrier);
        Client browserLike = new Client(options);
        assertThat(browserLike.socket.subProtocol()).isEqualTo("bearer-token-carrier");
        assertThat(browserLike.subscribed().get("types").toString()).isEqualTo("[\"fill\"]");

        // the REST API of the same service stays closed without a token
        anonymous().get("/api/monitor/events").then().statusCode(401);
    }

    @Test
    void aClientThatDoesNotReadLosesItsOldestEventsIsToldAndNeverHoldsUpTheOthers() throws Exception {
        Client fast = connect("?symbols=PAD");
        fast.subscribed();
        // a plain socket with a small receive buffer that reads nothing until the end: the kernel holds few events
        try (RawAlertsClient slow = new RawAlertsClient(root, "?symbols=PAD", TestTokens.bearer(ApiRole.VIEWER))) {
            JsonNode subscribed = slow.nextMessage();
            assertThat(subscribed.get("type").asText()).isEqualTo("subscribed");
            String slowId = subscribed.get("payload").get("connection").asText();

            int events = 300;
            String padding = "x".repeat(16_000); // 300 × 16 kB = 4.8 MB: more than the socket buffers can hold
            long started = System.nanoTime();
            for (int i = 1; i <= events; i++) {
                ObjectNode payload = JsonCodec.mapper().createObjectNode().put("n", i).put("padding", padding);
                hub.publish(new AlertEvent(AlertType.FILL, T, "PAD", "acct", payload));
                // the fast client reads each event before the next is published: it never falls behind
                assertThat(fast.next(AlertType.FILL).get("payload").get("n").asInt()).isEqualTo(i);
            }
            Duration fastTook = Duration.ofNanos(System.nanoTime() - started);
            assertThat(fast.received()).isEmpty(); // no dropped notice: nothing was lost for it
            assertThat(fastTook).isLessThan(Duration.ofSeconds(15));

            long dropped = hub.subscriber(slowId).droppedTotal();
            assertThat(dropped).isPositive();
            assertThat(hub.subscriber(slowId).queued()).isLessThanOrEqualTo(8);
            String metrics = anonymous().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("papertrader_monitor_alerts_connection_dropped_total{connection=\"" + slowId
                    + "\"} " + dropped + ".0");
            assertThat(metrics).containsPattern("papertrader_monitor_alerts_dropped_total(\\{[^}]*\\})? [1-9]");

            // once it reads, it gets what was written before, the notices, then the newest events; nothing twice
            List<JsonNode> caughtUp = new ArrayList<>();
            while (caughtUp.isEmpty() || caughtUp.get(caughtUp.size() - 1).get("payload").path("n").asInt() != events) {
                caughtUp.add(slow.nextMessage());
            }
            assertThat(caughtUp).extracting(json -> json.get("type").asText()).containsOnly("fill", "dropped");
            List<JsonNode> notices = caughtUp.stream().filter(json -> json.get("type").asText().equals("dropped"))
                    .toList();
            // one notice per stretch of drops (the kernel's buffers take some writes while it does not read): they
            // add up to what was dropped
            assertThat(notices).isNotEmpty();
            assertThat(notices.stream().mapToLong(json -> json.get("payload").get("dropped").asLong()).sum())
                    .isEqualTo(dropped);
            assertThat(notices.get(notices.size() - 1).get("payload").get("droppedTotal").asLong()).isEqualTo(dropped);
            List<Integer> numbers = caughtUp.stream().filter(json -> json.get("type").asText().equals("fill"))
                    .map(json -> json.get("payload").get("n").asInt()).toList();
            assertThat(numbers).isSorted().doesNotHaveDuplicates();
            assertThat(hub.subscriber(slowId).failedWrites()).isZero();
            assertThat(numbers.size() + dropped).as("received %s, dropped %d", numbers, dropped).isEqualTo(events);
            assertThat(numbers.subList(numbers.size() - 8, numbers.size())).containsExactly(293, 294, 295, 296, 297,
                    298, 299, 300);
        }
    }

    // --- helpers

    static String describe(JsonNode event) {
        return event.get("type").asText() + " " + event.path("symbol").asText("-") + " "
                + event.path("account").asText("-") + " " + event.get("payload").path("id").asText("-");
    }

    WebSocketConnectOptions connectOptions(String query, ApiRole role) {
        return new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort())
                .setURI("/ws/alerts" + query).addHeader("Authorization", TestTokens.bearer(role));
    }

    Client connect(String query) throws Exception {
        return new Client(connectOptions(query, ApiRole.VIEWER));
    }

    int rejection(String authorization) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort())
                .setURI("/ws/alerts");
        if (authorization != null) {
            options.addHeader("Authorization", authorization);
        }
        try {
            WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            socket.close();
            return 101;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
            return ((UpgradeRejectedException) e.getCause()).getStatus();
        }
    }

    /** A WebSocket client of /ws/alerts keeping the JSON messages it receives. */
    final class Client implements AutoCloseable {
        final WebSocket socket;
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        JsonNode subscribed;

        Client(WebSocketConnectOptions options) throws Exception {
            this(options, new WebSocketClientOptions());
        }

        Client(WebSocketConnectOptions options, WebSocketClientOptions clientOptions) throws Exception {
            WebSocketClient client = vertx.createWebSocketClient(clientOptions);
            // the handlers are set on the event loop as the upgrade completes, so no early message is missed
            socket = client.connect(options).onSuccess(connected -> {
                connected.textMessageHandler(text -> messages.add(read(text)));
                connected.closeHandler(ignored -> closed.complete(connected.closeStatusCode() + " "
                        + connected.closeReason()));
            }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            clients.add(this);
        }

        /** The payload of the {@code subscribed} notice every connection starts with. */
        JsonNode subscribed() throws InterruptedException {
            if (subscribed == null) {
                subscribed = next(AlertType.SUBSCRIBED).get("payload");
            }
            return subscribed;
        }

        /** The next message, which must be of {@code type}. */
        JsonNode next(AlertType type) throws InterruptedException {
            if (type != AlertType.SUBSCRIBED) {
                subscribed();
            }
            JsonNode message = take();
            assertThat(message.get("type").asText()).as(message.toString()).isEqualTo(type.wireName());
            return message;
        }

        JsonNode take() throws InterruptedException {
            JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no alert within " + WAIT);
            }
            return message;
        }

        /** The next {@code count} messages after the subscribed notice. */
        List<JsonNode> awaitCount(int count) throws InterruptedException {
            subscribed();
            List<JsonNode> received = new ArrayList<>();
            while (received.size() < count) {
                received.add(take());
            }
            return received;
        }

        /** What has arrived and not been taken yet (after the subscribed notice). */
        List<JsonNode> received() throws InterruptedException {
            subscribed();
            List<JsonNode> received = new ArrayList<>();
            messages.drainTo(received);
            return received;
        }

        @Override
        public void close() throws Exception {
            if (!closed.isDone()) {
                socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A WebSocket client on a plain socket (RFC 6455 by hand: handshake, unmasked server frames), which reads only when
     * asked: a client that does not read at all, down to the kernel's buffers.
     */
    static final class RawAlertsClient implements AutoCloseable {
        private final Socket socket = new Socket();
        private final DataInputStream in;

        RawAlertsClient(URI root, String query, String authorization) throws Exception {
            socket.setReceiveBufferSize(8192);
            socket.connect(new InetSocketAddress(root.getHost(), root.getPort()), 10_000);
            socket.setSoTimeout((int) WAIT.toMillis());
            String key = Base64.getEncoder().encodeToString("papertrader-test!".substring(0, 16)
                    .getBytes(StandardCharsets.US_ASCII));
            String request = "GET /ws/alerts" + query + " HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: " + authorization + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            in = new DataInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
        }

        /** The next text message (pings and other control frames skipped). */
        JsonNode nextMessage() throws Exception {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = in.readNBytes((int) length);
                int opcode = first & 0x0F;
                if (opcode >= 0x8) {
                    continue; // ping, pong, close: not messages
                }
                message.write(payload);
                if ((first & 0x80) != 0) {
                    return read(message.toString(StandardCharsets.UTF_8));
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    /** The message as JSON; one that is not JSON is kept as {"type":"unreadable","text":...}, so a test shows it. */
    static JsonNode read(String text) {
        try {
            return JsonCodec.mapper().readTree(text);
        } catch (Exception e) {
            return JsonCodec.mapper().createObjectNode().put("type", "unreadable").put("text",
                    text.length() > 200 ? text.substring(0, 200) + "... (" + text.length() + " chars)" : text);
        }
    }
}
