package dev.papertrader.order.rest;

import dev.papertrader.order.repository.OrderRepository;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Fills, newest first. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/fills")
@Tag(name = "fills")
public class FillResource {

    private final OrderRepository repository;

    public FillResource(OrderRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Fills, newest first, filtered by order, account and symbol")
    public Uni<Page<FillResponse>> list(@QueryParam("orderId") String orderId, @QueryParam("account") String account,
            @QueryParam("symbol") String symbol, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return repository.findFills(orderId, account, symbol, page, size);
    }
}
