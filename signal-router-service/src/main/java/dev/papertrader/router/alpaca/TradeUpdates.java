package dev.papertrader.router.alpaca;

import dev.papertrader.core.json.JsonCodec;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code /stream} connections listening to {@code trade_updates}, each with its key's account. */
@ApplicationScoped
public class TradeUpdates {

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    /** A connection listening to the trade updates of an account. */
    public record Listener(WebSocketConnection connection, String accountId) {
    }

    /** From now on {@code connection} gets the trade updates of {@code accountId}. */
    public void listen(WebSocketConnection connection, String accountId) {
        listeners.put(connection.id(), new Listener(connection, accountId));
    }

    public void forget(WebSocketConnection connection) {
        listeners.remove(connection.id());
    }

    /** Sends {@code {"stream":"trade_updates","data":data}} as a text frame to every listener of {@code accountId}. */
    public void publish(String accountId, Map<String, Object> data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("stream", "trade_updates");
        message.put("data", data);
        String text = JsonCodec.encode(message);
        listeners.values().stream().filter(listener -> listener.accountId().equals(accountId))
                .forEach(listener -> listener.connection().sendText(text).subscribe().with(done -> { },
                        failure -> Log.debugf(failure, "trade update to %s not sent", listener.connection().id())));
    }
}
