package dev.papertrader.router.rest;

import dev.papertrader.router.repository.DecisionQuery;
import dev.papertrader.router.repository.DecisionRepository;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.Page;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The router's decisions, newest first. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/api/router/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions")
public class DecisionResource {

    private final DecisionRepository decisions;

    public DecisionResource(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    @GET
    @Operation(summary = "List decisions", description = "Newest first; every filter is optional and exact. "
            + "A page holds `limit` decisions from `offset`; its `page` is offset / limit.")
    public Uni<Page<DecisionResponse>> list(@QueryParam("symbol") String symbol,
            @QueryParam("strategy") String strategy, @Parameter(description = "true or false")
            @QueryParam("accepted") @Pattern(regexp = "true|false", message = "must be true or false") String accepted,
            @QueryParam("rule") String rule,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return decisions.search(new DecisionQuery(symbol, strategy,
                accepted == null ? null : Boolean.valueOf(accepted), rule), limit, offset)
                .map(page -> new Page<>(page.items().stream().map(DecisionResponse::of).toList(), page.page(),
                        page.size(), page.total()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One decision by id")
    public Uni<DecisionResponse> get(@PathParam("id") String id) {
        return decisions.find(id).map(found -> found.map(DecisionResponse::of)
                .orElseThrow(() -> ProblemException.notFound("no decision " + id)));
    }
}
