package dev.papertrader.router.alpaca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alpaca's {@code trade_updates} stream at {@code /stream}, text frames of JSON:
 * <ol>
 *   <li>{@code {"action":"authenticate","data":{"key_id":…,"secret_key":…}}} →
 *       {@code {"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}}, or
 *       {@code "unauthorized"} (the connection stays open and may try again);</li>
 *   <li>{@code {"action":"listen","data":{"streams":["trade_updates"]}}} →
 *       {@code {"stream":"listening","data":{"streams":["trade_updates"]}}}; after this the connection gets the key's
 *       account's trade updates ({@link TradeUpdates}). Listening before authorizing answers
 *       {@code {"stream":"authorization","data":{"status":"unauthorized","action":"listen"}}}.</li>
 * </ol>
 * Streams other than {@code trade_updates} are ignored; an empty list stops the updates.
 */
@WebSocket(path = "/stream")
public class TradeUpdatesSocket {

    private final AlpacaKeys keys;
    private final TradeUpdates updates;
    /** Connection id → the account its key authorized. */
    private final Map<String, String> authorized = new ConcurrentHashMap<>();

    public TradeUpdatesSocket(AlpacaKeys keys, TradeUpdates updates) {
        this.keys = keys;
        this.updates = updates;
    }

    @OnTextMessage
    Uni<String> onMessage(WebSocketConnection connection, String text) {
        JsonNode message;
        try {
            message = JsonCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(error("invalid syntax"));
        }
        String action = message.path("action").asText("");
        JsonNode data = message.path("data");
        return switch (action) {
            case "authenticate", "auth" -> keys.authenticate(textOrNull(data, "key_id"), textOrNull(data, "secret_key"))
                    .map(account -> {
                        account.ifPresentOrElse(id -> authorized.put(connection.id(), id),
                                () -> authorized.remove(connection.id()));
                        return authorization(account.isPresent() ? "authorized" : "unauthorized", "authenticate");
                    });
            case "listen" -> Uni.createFrom().item(() -> listen(connection, data));
            default -> Uni.createFrom().item(error("invalid action " + action));
        };
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        authorized.remove(connection.id());
        updates.forget(connection);
    }

    private String listen(WebSocketConnection connection, JsonNode data) {
        String account = authorized.get(connection.id());
        if (account == null) {
            return authorization("unauthorized", "listen");
        }
        List<String> streams = new ArrayList<>();
        data.path("streams").forEach(stream -> {
            if ("trade_updates".equals(stream.asText())) {
                streams.add("trade_updates");
            }
        });
        if (streams.isEmpty()) {
            updates.forget(connection);
        } else {
            updates.listen(connection, account);
        }
        return JsonCodec.encode(Map.of("stream", "listening", "data", Map.of("streams", streams)));
    }

    private static String authorization(String status, String action) {
        return JsonCodec.encode(Map.of("stream", "authorization", "data", Map.of("status", status, "action", action)));
    }

    private static String error(String message) {
        return JsonCodec.encode(Map.of("stream", "error", "data", Map.of("error_message", message)));
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
