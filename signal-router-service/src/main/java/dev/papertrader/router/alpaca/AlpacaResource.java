package dev.papertrader.router.alpaca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.json.JsonCodec;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The Alpaca Trading API v2 subset ({@link AlpacaService}), authenticated by {@link AlpacaAuthFilter} with
 * {@code APCA-API-KEY-ID} / {@code APCA-API-SECRET-KEY} (hence {@code @PermitAll} for the bearer JWT rules). Bodies
 * and query parameters are read here, so every error has Alpaca's shape {@code {"code", "message"}}.
 */
@PermitAll
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alpaca", description = "Alpaca Trading API v2 subset (APCA-API-KEY-ID / APCA-API-SECRET-KEY headers)")
public class AlpacaResource {

    private final AlpacaService alpaca;
    private final AlpacaCaller caller;

    public AlpacaResource(AlpacaService alpaca, AlpacaCaller caller) {
        this.alpaca = alpaca;
        this.caller = caller;
    }

    @ServerExceptionMapper
    Response alpacaError(AlpacaException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
    }

    @GET
    @Path("/account")
    @Operation(summary = "The account, from the router's last portfolio snapshot")
    public Uni<Map<String, Object>> account() {
        return alpaca.account(caller.accountId());
    }

    @POST
    @Path("/orders")
    @Operation(summary = "Place an order (simple, bracket, oto, oco) through the router's risk checks")
    public Uni<Map<String, Object>> placeOrder(String body) {
        String account = caller.accountId();
        return Uni.createFrom().item(() -> json(body)).chain(json -> alpaca.placeOrder(account, json));
    }

    @GET
    @Path("/orders")
    @Operation(summary = "List orders")
    public Uni<List<Map<String, Object>>> orders(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("after") String after, @QueryParam("until") String until,
            @QueryParam("direction") String direction, @QueryParam("nested") String nested,
            @QueryParam("symbols") String symbols) {
        String account = caller.accountId();
        return Uni.createFrom().deferred(() -> {
            int max = limit == null || limit.isBlank() ? 50 : integer("limit", limit);
            if (max < 1 || max > 500) {
                throw AlpacaException.invalid("limit must be between 1 and 500");
            }
            if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
                throw AlpacaException.invalid("invalid direction " + direction);
            }
            List<String> symbolList = symbols == null || symbols.isBlank() ? List.of()
                    : Arrays.stream(symbols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            return alpaca.listOrders(account, status, max, time("after", after), time("until", until),
                    "asc".equals(direction), "true".equalsIgnoreCase(nested), symbolList);
        });
    }

    @DELETE
    @Path("/orders")
    @Operation(summary = "Cancel every open order (207 with one result per order)")
    public Uni<Response> cancelAll() {
        return alpaca.cancelAll(caller.accountId()).map(results -> Response.status(207).entity(results).build());
    }

    @GET
    @Path("/orders/by_client_order_id")
    @Operation(summary = "The order with a client order id (also at Alpaca's /v2/orders:by_client_order_id)")
    public Uni<Map<String, Object>> orderByClientOrderId(@QueryParam("client_order_id") String clientOrderId) {
        String account = caller.accountId();
        return Uni.createFrom().deferred(() -> {
            if (clientOrderId == null || clientOrderId.isBlank()) {
                throw AlpacaException.invalid("client_order_id is required");
            }
            return alpaca.orderByClientOrderId(account, clientOrderId);
        });
    }

    @GET
    @Path("/orders/{id}")
    @Operation(summary = "One order with its legs")
    public Uni<Map<String, Object>> order(@PathParam("id") String id) {
        return alpaca.order(caller.accountId(), id);
    }

    @PATCH
    @Path("/orders/{id}")
    @Operation(summary = "Replace an order (qty, time_in_force, limit_price, stop_price, trail, client_order_id)")
    public Uni<Map<String, Object>> replace(@PathParam("id") String id, String body) {
        String account = caller.accountId();
        return Uni.createFrom().item(() -> json(body)).chain(json -> alpaca.replace(account, id, json));
    }

    @DELETE
    @Path("/orders/{id}")
    @Operation(summary = "Cancel an order (204)")
    public Uni<Response> cancel(@PathParam("id") String id) {
        return alpaca.cancel(caller.accountId(), id).map(done -> Response.noContent().build());
    }

    @GET
    @Path("/positions")
    @Operation(summary = "Open positions, from the router's last portfolio snapshot")
    public Uni<List<Map<String, Object>>> positions() {
        return alpaca.positions(caller.accountId());
    }

    @DELETE
    @Path("/positions")
    @Operation(summary = "Close every position with market orders (207)")
    public Uni<Response> closeAll(@QueryParam("cancel_orders") String cancelOrders) {
        return alpaca.closeAll(caller.accountId(), "true".equalsIgnoreCase(cancelOrders))
                .map(results -> Response.status(207).entity(results).build());
    }

    @GET
    @Path("/positions/{symbol}")
    @Operation(summary = "One open position")
    public Uni<Map<String, Object>> position(@PathParam("symbol") String symbol) {
        return alpaca.position(caller.accountId(), symbol);
    }

    @DELETE
    @Path("/positions/{symbol}")
    @Operation(summary = "Close a position (or qty / percentage of it) with a market order")
    public Uni<Map<String, Object>> closePosition(@PathParam("symbol") String symbol, @QueryParam("qty") String qty,
            @QueryParam("percentage") String percentage) {
        String account = caller.accountId();
        return Uni.createFrom().deferred(() -> alpaca.closePosition(account, symbol, decimal("qty", qty),
                decimal("percentage", percentage)));
    }

    @GET
    @Path("/account/portfolio/history")
    @Operation(summary = "Equity at each decided slice")
    public Uni<Map<String, Object>> portfolioHistory(@QueryParam("date_start") String start,
            @QueryParam("start") String startTime, @QueryParam("timeframe") String timeframe) {
        String account = caller.accountId();
        return Uni.createFrom().deferred(() -> alpaca.portfolioHistory(account,
                time("start", startTime != null ? startTime : start), timeframe));
    }

    @GET
    @Path("/clock")
    @Operation(summary = "The router's event time and the session")
    public Uni<Map<String, Object>> clock() {
        return alpaca.clock(caller.accountId());
    }

    @GET
    @Path("/assets/{symbol}")
    @Operation(summary = "An asset the router has prices of")
    public Uni<Map<String, Object>> asset(@PathParam("symbol") String symbol) {
        return alpaca.asset(caller.accountId(), symbol);
    }

    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            throw AlpacaException.invalid("request body is required");
        }
        try {
            return JsonCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw AlpacaException.invalid("request body is not valid JSON");
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw AlpacaException.invalid("invalid " + name + ": " + value);
        }
    }

    private static BigDecimal decimal(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value.trim());
            if (number.signum() <= 0) {
                throw AlpacaException.invalid(name + " must be positive");
            }
            return number;
        } catch (NumberFormatException e) {
            throw AlpacaException.invalid("invalid " + name + ": " + value);
        }
    }

    /** An RFC 3339 timestamp or a date (its midnight UTC); null when absent. */
    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw AlpacaException.invalid("invalid " + name + ": " + value);
            }
        }
    }
}
