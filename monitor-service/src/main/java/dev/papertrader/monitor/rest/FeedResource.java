package dev.papertrader.monitor.rest;

import dev.papertrader.monitor.feed.FeedService;
import dev.papertrader.monitor.feed.FeedStatus;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The market data feed: its status, start and stop. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/feed")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feed")
public class FeedResource {

    private final FeedService feed;

    public FeedResource(FeedService feed) {
        this.feed = feed;
    }

    @GET
    @Operation(summary = "The feed's type, whether it runs, how far it got")
    public FeedStatus status() {
        return feed.status();
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/start")
    @Operation(summary = "Start (or resume after the last committed slice); when it runs, only the speed changes")
    public Uni<FeedStatus> start(@Parameter(description = "slices per second until the next start, 0 for as fast as"
            + " possible; the configured speed when absent") @QueryParam("speed") Double speed) {
        if (speed != null && !(speed >= 0 && speed < Double.POSITIVE_INFINITY)) {
            throw ProblemException.badRequest("speed", "must be 0 or a positive number of slices per second, was "
                    + speed);
        }
        return feed.start(speed);
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/stop")
    @Operation(summary = "Stop after the slice in progress")
    public Uni<FeedStatus> stop() {
        return feed.stop();
    }
}
