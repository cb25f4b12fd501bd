package dev.papertrader.service.rest;

import dev.papertrader.service.messaging.DeadLetterQuery;
import dev.papertrader.service.messaging.DeadLetterView;
import io.quarkus.arc.properties.UnlessBuildProperty;
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

/**
 * The messages this service rejected to {@code dead.letters}, newest first. Every service serves it under its own
 * prefix ({@code /api/orders/dead-letters}...); the count since start is the metric
 * {@code papertrader_dead_letters_total{consumer}}.
 *
 * <p>A service whose REST root is not its prefix (the router serves {@code /v2} at its root too) sets the build
 * property {@value #OWN_PATH_PROPERTY} and serves a subclass under its prefix instead.
 */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/dead-letters")
@UnlessBuildProperty(name = DeadLetterResource.OWN_PATH_PROPERTY, stringValue = "true", enableIfMissing = true)
@Tag(name = "dead letters")
public class DeadLetterResource {

    /** Build property: {@code true} when the service declares its own subclass with the full path. */
    public static final String OWN_PATH_PROPERTY = "papertrader.rest.dead-letters.own-path";

    private final DeadLetterQuery query;

    public DeadLetterResource(DeadLetterQuery query) {
        this.query = query;
    }

    @GET
    @Operation(summary = "Rejected messages with their reasons, newest first; filter by consumer (inbox)")
    public Uni<Page<DeadLetterView>> list(@QueryParam("consumer") String consumer,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return query.list(consumer == null || consumer.isBlank() ? null : consumer, page, size);
    }
}
