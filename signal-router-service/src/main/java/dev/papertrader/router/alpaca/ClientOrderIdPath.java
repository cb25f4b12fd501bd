package dev.papertrader.router.alpaca;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Alpaca's {@code GET /v2/orders:by_client_order_id} has a colon inside a path segment, which the REST layer's path
 * matching does not serve as a literal (raw or percent-encoded); the HTTP layer reroutes it, query included, to
 * {@code /v2/orders/by_client_order_id} ({@link AlpacaResource#orderByClientOrderId}).
 */
@ApplicationScoped
public class ClientOrderIdPath {

    static final String ALPACA_PATH = "/v2/orders:by_client_order_id";
    /** The same with the colon percent-encoded, as some HTTP clients send it. */
    static final String ENCODED_PATH = "/v2/orders%3Aby_client_order_id";
    static final String SERVED_PATH = "/v2/orders/by_client_order_id";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.normalizedPath();
            if (ALPACA_PATH.equals(path) || ENCODED_PATH.equalsIgnoreCase(path)) {
                String query = context.request().query();
                context.reroute(SERVED_PATH + (query == null ? "" : "?" + query));
            } else {
                context.next();
            }
        }, 10);
    }
}
