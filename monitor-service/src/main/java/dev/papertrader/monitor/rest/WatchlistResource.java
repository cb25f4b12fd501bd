package dev.papertrader.monitor.rest;

import dev.papertrader.monitor.watchlist.WatchlistEntry;
import dev.papertrader.monitor.watchlist.WatchlistService;
import dev.papertrader.service.rest.ApiRoles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The watchlist: which strategies run on which symbols. Strategy names and parameters are checked (400). */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/watchlist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "watchlist")
public class WatchlistResource {

    private final WatchlistService service;

    public WatchlistResource(WatchlistService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Every entry, in watchlist (run) order")
    public Uni<List<WatchlistEntryResponse>> list() {
        return service.list().map(entries -> entries.stream().map(this::response).toList());
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Operation(summary = "Add an entry at the end of the watchlist; it starts warmed up on the stored bars")
    public Uni<RestResponse<WatchlistEntryResponse>> add(@Valid @NotNull WatchlistEntryRequest request) {
        WatchlistEntry entry = new WatchlistEntry(0, request.symbol(), request.timeframe(), request.strategy(),
                request.parameters() == null ? Map.of() : request.parameters(),
                request.enabled() == null || request.enabled());
        return service.add(entry).map(created -> RestResponse.ResponseBuilder
                .<WatchlistEntryResponse>created(URI.create("/watchlist/" + created.id()))
                .entity(response(created)).build());
    }

    @PUT
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/{id}")
    @Operation(summary = "Enable or disable an entry, or replace its parameters")
    public Uni<WatchlistEntryResponse> update(@PathParam("id") long id, @Valid @NotNull WatchlistUpdateRequest request) {
        return service.update(id, request.enabled(), request.parameters()).map(this::response);
    }

    @DELETE
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/{id}")
    @Operation(summary = "Delete an entry (its signals stay)")
    public Uni<RestResponse<Void>> delete(@PathParam("id") long id) {
        return service.delete(id).map(ignored -> RestResponse.noContent());
    }

    private WatchlistEntryResponse response(WatchlistEntry entry) {
        return new WatchlistEntryResponse(entry.id(), entry.symbol(), entry.timeframe(), entry.strategy(),
                entry.parameters(), service.effectiveParameters(entry), entry.enabled());
    }
}
