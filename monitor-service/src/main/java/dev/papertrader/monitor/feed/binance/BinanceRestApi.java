package dev.papertrader.monitor.feed.binance;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Binance's public REST market data (Quarkus REST client, built with the configured base URL). */
@Path("/api/v3")
public interface BinanceRestApi {

    /**
     * {@code GET /api/v3/klines}: klines of a symbol, oldest first, those opening in [startTime, endTime] (epoch
     * milliseconds), at most {@code limit} (default 500, max 1000). Absent parameters are left out.
     */
    @GET
    @Path("/klines")
    Uni<Response> klines(@QueryParam("symbol") String symbol, @QueryParam("interval") String interval,
            @QueryParam("startTime") Long startTime, @QueryParam("endTime") Long endTime,
            @QueryParam("limit") Integer limit);
}
