package dev.papertrader.router.alpaca;

import dev.papertrader.router.config.RouterServiceConfig;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Management of Alpaca API keys (bearer JWT like the rest of /api/router). */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/api/router/alpaca/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alpaca keys")
public class AlpacaKeysResource {

    /** Body of a key creation. */
    public record CreateKeyRequest(@NotBlank String accountId) {
    }

    private final AlpacaKeys keys;
    private final RouterServiceConfig config;

    public AlpacaKeysResource(AlpacaKeys keys, RouterServiceConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an Alpaca API key for an account (the secret is shown only in this answer)",
            description = "The account must be the one this router serves.")
    public Uni<Response> create(@NotNull @Valid CreateKeyRequest request) {
        if (!config.accountId().equals(request.accountId())) {
            throw ProblemException.badRequest("accountId", "this router serves account '" + config.accountId()
                    + "', not '" + request.accountId() + "'");
        }
        return keys.create(request.accountId()).map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Operation(summary = "The API keys (without secrets)")
    public Uni<List<AlpacaKeys.Key>> list() {
        return keys.list();
    }

    @DELETE
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key")
    public Uni<Response> delete(@PathParam("keyId") String keyId) {
        return keys.delete(keyId).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("no API key " + keyId);
            }
            return Response.noContent().build();
        });
    }
}
