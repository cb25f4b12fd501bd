package dev.papertrader.order.rest;

import dev.papertrader.order.service.EngineStatus;
import dev.papertrader.order.service.OrderService;
import dev.papertrader.service.rest.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The simulated exchange's progress through the slices, and a reload from its committed state. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/engine")
@Tag(name = "engine")
public class EngineResource {

    private final OrderService service;

    public EngineResource(OrderService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Last processed slice, router watermark and waiting slices")
    public Uni<EngineStatus> status() {
        return service.status();
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/reload")
    @Operation(summary = "Restore the engine from its last committed state, as a restart would")
    public Uni<EngineStatus> reload() {
        return service.reloadEngine().chain(service::status);
    }
}
