package dev.papertrader.monitor.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.service.rest.ApiRoles;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;

/**
 * {@code /ws/alerts}: the monitor's stream of typed events ({@link AlertEvent} as JSON text): signals, decisions,
 * risk breaches, order status, fills, portfolio updates and feed status, as they happen.
 *
 * <p>The handshake's query string sets the filter ({@link AlertFilter#ofQuery}, e.g.
 * {@code /ws/alerts?symbols=AAPL&types=fill,decision&accounts=default}); a text message
 * {@code {"symbols":[...],"types":[...],"accounts":[...]}} replaces it later. Each change is confirmed by a
 * {@code subscribed} notice, which is also the first message of every connection. A filter that cannot be read
 * closes the connection with code 1008 (policy violation) and the reason. Each client has its own bounded queue
 * ({@link AlertSubscriber}): a slow client loses its oldest events, is told so with a {@code dropped} notice, and
 * never holds up the others.
 *
 * <p>The upgrade needs a bearer token with the {@code viewer} role (401 without one, 403 with another role). A browser
 * cannot set an {@code Authorization} header on a WebSocket, so it offers two subprotocols instead:
 * {@code bearer-token-carrier} and the URI-encoded {@code quarkus-http-upgrade#Authorization#Bearer <token>}, which
 * Quarkus turns into the header before authenticating ({@code propagate-subprotocol-headers}); the server answers with
 * {@code bearer-token-carrier}.
 */
@WebSocket(path = "/ws/alerts")
@RolesAllowed(ApiRoles.VIEWER)
public class AlertsWebSocket {

    /** Close code for a filter the server cannot read (RFC 6455: policy violation). */
    static final int BAD_FILTER = 1008;

    private final AlertHub hub;

    public AlertsWebSocket(AlertHub hub) {
        this.hub = hub;
    }

    @OnOpen
    Uni<Void> onOpen(WebSocketConnection connection) {
        AlertFilter filter;
        try {
            filter = AlertFilter.ofQuery(connection.handshakeRequest().query());
        } catch (IllegalArgumentException e) {
            return refuse(connection, e.getMessage());
        }
        hub.register(connection, filter);
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    Uni<Void> onFilter(WebSocketConnection connection, String message) {
        AlertFilter filter;
        try {
            filter = AlertFilter.ofJson(JsonCodec.mapper().readTree(message));
        } catch (JsonProcessingException e) {
            return refuse(connection, "a filter message must be JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return refuse(connection, e.getMessage());
        }
        hub.refilter(connection.id(), filter);
        return Uni.createFrom().voidItem();
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        hub.unregister(connection.id());
    }

    private Uni<Void> refuse(WebSocketConnection connection, String reason) {
        Log.debugf("alerts client %s refused: %s", connection.id(), reason);
        hub.unregister(connection.id());
        return connection.close(new CloseReason(BAD_FILTER, truncate(reason)));
    }

    /** The reason cut to fit a close frame: at most 123 bytes of UTF-8 (RFC 6455, section 5.5). */
    static String truncate(String reason) {
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > 123) {
            cut = cut.substring(0, cut.length() - 4) + "...";
        }
        return cut;
    }
}
