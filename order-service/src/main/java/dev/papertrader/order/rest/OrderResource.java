package dev.papertrader.order.rest;

import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.order.repository.OrderRepository;
import dev.papertrader.order.service.OrderService;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.Page;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Orders: list, look up, place manually, cancel. Errors are RFC 9457 problem documents. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/orders")
@Tag(name = "orders")
public class OrderResource {

    private final OrderService service;
    private final OrderRepository repository;

    public OrderResource(OrderService service, OrderRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Orders, newest first, filtered by symbol, status and account")
    public Uni<Page<OrderResponse>> list(@QueryParam("symbol") String symbol, @QueryParam("status") String status,
            @QueryParam("account") String account, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return repository.findOrders(symbol, status == null ? null : statusName(status), account, page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One order")
    public Uni<OrderResponse> get(@PathParam("id") String id) {
        return repository.findOrder(id)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("no order " + id)));
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Operation(summary = "Place a manual order; it is created at the last processed slice and fills from the next bar")
    public Uni<Response> place(@NotNull @Valid NewOrderRequest request, UriInfo uri) {
        return service.placeManualOrder(request).map(order -> Response
                .created(uri.getAbsolutePathBuilder().path(order.id()).build()).entity(order).build());
    }

    @DELETE
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/{id}")
    @Operation(summary = "Cancel an open order")
    public Uni<OrderResponse> cancel(@PathParam("id") String id) {
        return service.cancel(id);
    }

    private static String statusName(String status) {
        String name = status.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(OrderStatus.values()).noneMatch(s -> s.name().equals(name))) {
            throw ProblemException.badRequest("status", "must be one of " + Arrays.toString(OrderStatus.values()));
        }
        return name;
    }
}
