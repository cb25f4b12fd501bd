package dev.papertrader.monitor.rest;

import dev.papertrader.monitor.event.EventBuffer;
import dev.papertrader.monitor.event.MonitoredEvent;
import dev.papertrader.service.rest.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The latest events of the other services (fills, order status, portfolio snapshots, routing decisions). */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class EventResource {

    private final EventBuffer buffer;

    public EventResource(EventBuffer buffer) {
        this.buffer = buffer;
    }

    @GET
    @Operation(summary = "Up to limit of the latest events, newest first (the buffer keeps the latest buffer-size)")
    public List<MonitoredEvent> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) int limit) {
        return buffer.latest(limit);
    }
}
