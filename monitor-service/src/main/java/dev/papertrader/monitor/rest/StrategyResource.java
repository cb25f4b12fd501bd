package dev.papertrader.monitor.rest;

import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.service.rest.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The strategies a watchlist entry can name. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "watchlist")
public class StrategyResource {

    private final StrategyRegistry registry;

    public StrategyResource(StrategyRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Registered strategies with their parameters' defaults")
    public List<StrategyResponse> list() {
        return registry.all().stream()
                .map(f -> new StrategyResponse(f.name(), f.description(), new TreeMap<>(f.defaultParameters())))
                .toList();
    }
}
