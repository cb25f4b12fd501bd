package dev.papertrader.router.rest;

import dev.papertrader.router.config.RouterSettings;
import dev.papertrader.router.service.RouterService;
import dev.papertrader.router.service.RouterStatus;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Control of the router: its configuration, the kill switch, its status. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/api/router")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "router")
public class RouterResource {

    private final RouterService router;

    public RouterResource(RouterService router) {
        this.router = router;
    }

    @GET
    @Path("risk")
    @Operation(summary = "The filter rules, risk limits and sizing in force")
    public Uni<RouterSettings> risk() {
        return router.settings();
    }

    @PUT
    @RolesAllowed(ApiRoles.TRADER)
    @Path("risk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the filter rules, risk limits and sizing",
            description = "Takes effect from the next slice and is kept across restarts. A field left out takes its "
                    + "default (no filter, no limit); sizing is required.")
    public Uni<RouterSettings> replaceRisk(@NotNull @Valid RouterSettings settings) {
        return router.updateSettings(settings).onFailure(RouterSettings.InvalidSettingsException.class)
                .transform(e -> ProblemException.badRequest(((RouterSettings.InvalidSettingsException) e).field(),
                        e.getMessage()));
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Path("halt")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Kill switch: reject every opening until resumed (exits still pass)")
    public Uni<RouterStatus> halt(@NotNull @Valid HaltRequest request) {
        return router.halt(request.reason());
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Path("resume")
    @Operation(summary = "Lift the kill switch or the drawdown halt")
    public Uni<RouterStatus> resume() {
        return router.resume();
    }

    @GET
    @Path("status")
    @Operation(summary = "Halt, open orders, watermarks and what the next slice waits for")
    public Uni<RouterStatus> status() {
        return router.status();
    }
}
