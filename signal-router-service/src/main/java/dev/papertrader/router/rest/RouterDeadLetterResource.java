package dev.papertrader.router.rest;

import dev.papertrader.service.messaging.DeadLetterQuery;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.DeadLetterResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The router's dead letters at {@code /api/router/dead-letters}: its REST root is {@code /} (for the Alpaca API), so
 * the shared resource, whose path is relative to the root, is switched off and served here under the prefix.
 */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/api/router/dead-letters")
@Tag(name = "dead letters")
public class RouterDeadLetterResource extends DeadLetterResource {

    public RouterDeadLetterResource(DeadLetterQuery query) {
        super(query);
    }
}
