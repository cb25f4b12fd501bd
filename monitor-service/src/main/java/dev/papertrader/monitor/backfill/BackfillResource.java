package dev.papertrader.monitor.backfill;

import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.data.CsvBars;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Backfill jobs: start or resume one, follow its progress, read its report. */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/backfill")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backfill")
public class BackfillResource {

    private final BackfillService service;

    public BackfillResource(BackfillService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Operation(summary = "Load history into monitor.bars and run strategies over it (202; the same request resumes the"
            + " same job, or returns it when done)")
    public Uni<RestResponse<BackfillJob>> start(@Valid @NotNull BackfillRequest request) {
        List<StrategySpec> strategies = request.strategies() == null ? List.of() : request.strategies().stream()
                .map(s -> new StrategySpec(s.name().strip(), s.parameters() == null ? Map.of() : s.parameters()))
                .toList();
        BackfillSpec spec = new BackfillSpec(request.symbol(), request.interval(), time("from", request.from(), false),
                time("to", request.to(), true), request.source(), strategies);
        return service.start(spec).map(job -> RestResponse.ResponseBuilder.<BackfillJob>accepted()
                .location(URI.create("backfill/" + job.id())).entity(job).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job: status, progress, and the report once done")
    public Uni<BackfillJob> get(@PathParam("id") String id) {
        return service.find(id).map(job -> job.orElseThrow(() -> ProblemException.notFound("no backfill " + id)));
    }

    @GET
    @Operation(summary = "The latest jobs, newest first")
    public Uni<List<BackfillJob>> latest(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return service.latest(limit);
    }

    /** An instant or a date; a date as the end of a range means the end of that day. */
    static Instant time(String field, String text, boolean endOfRange) {
        try {
            Instant parsed = CsvBars.parseTime(text.strip());
            return endOfRange && text.strip().length() == 10 ? parsed.plus(Duration.ofDays(1)) : parsed;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }
}
