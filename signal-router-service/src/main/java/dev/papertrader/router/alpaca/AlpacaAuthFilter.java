package dev.papertrader.router.alpaca;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /v2} request with Alpaca's headers {@code APCA-API-KEY-ID} and
 * {@code APCA-API-SECRET-KEY} ({@link AlpacaKeys#authenticate}); without them, or with a wrong pair, the answer is
 * Alpaca's 401 {@code {"code":40110000,"message":"request is not authorized"}}. Other paths are left to the bearer
 * JWT rules.
 */
public class AlpacaAuthFilter {

    public static final String KEY_ID_HEADER = "APCA-API-KEY-ID";
    public static final String SECRET_HEADER = "APCA-API-SECRET-KEY";

    private final AlpacaKeys keys;
    private final AlpacaCaller caller;

    public AlpacaAuthFilter(AlpacaKeys keys, AlpacaCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext context) {
        String path = context.getUriInfo().getPath();
        if (!path.equals("/v2") && !path.startsWith("/v2/")) {
            return Uni.createFrom().nullItem();
        }
        return keys.authenticate(context.getHeaderString(KEY_ID_HEADER), context.getHeaderString(SECRET_HEADER))
                .map(account -> {
                    if (account.isEmpty()) {
                        return unauthorized();
                    }
                    caller.authenticated(account.get());
                    return null;
                });
    }

    static Response unauthorized() {
        AlpacaException e = AlpacaException.unauthorized();
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
    }
}
