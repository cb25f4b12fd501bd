package dev.papertrader.monitor.event;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code /alerts}: a WebSocket that pushes every event the monitor receives ({@link MonitoredEvent} as JSON text,
 * the same as GET /events lists) to every open connection, as it arrives. Clients only listen; a minimal stream
 * until the alerts issue adds filtering and authentication.
 */
@WebSocket(path = "/alerts")
public class AlertsWebSocket {

    @OnOpen
    void onOpen(WebSocketConnection connection) {
        Log.debugf("alerts subscriber %s connected", connection.id());
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        Log.debugf("alerts subscriber %s left", connection.id());
    }

    /** Sends events to the open {@code /alerts} connections. */
    @ApplicationScoped
    public static class Broadcaster {

        private final OpenConnections connections;

        public Broadcaster(OpenConnections connections) {
            this.connections = connections;
        }

        /** Sends {@code event} to every open connection; a connection that fails to take it is logged, not retried. */
        public void publish(MonitoredEvent event) {
            for (WebSocketConnection connection : connections) {
                connection.sendText(event).subscribe().with(sent -> {
                }, failure -> Log.debugf("alerts subscriber %s missed event %d: %s", connection.id(), event.seq(),
                        failure.toString()));
            }
        }
    }
}
