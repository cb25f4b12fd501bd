package dev.papertrader.monitor.rest;

import dev.papertrader.core.data.CsvBars;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.monitor.repository.SignalRepository;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.Page;
import dev.papertrader.service.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signals the watchlist emitted ({@code monitor.signals}). */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/signals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signals")
public class SignalResource {

    private final SignalRepository repository;

    public SignalResource(SignalRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Signals matching every filter given, newest first (or oldest first), one page")
    public Uni<Page<SignalResponse>> list(
            @QueryParam("symbol") String symbol,
            @QueryParam("strategy") String strategy,
            @Parameter(description = "BUY or SELL") @QueryParam("type") String type,
            @Parameter(description = "bar time at or after (ISO-8601 instant or date)") @QueryParam("from") String from,
            @Parameter(description = "bar time before (ISO-8601 instant or date)") @QueryParam("to") String to,
            @Parameter(description = "newest (default) or oldest first") @QueryParam("order") @DefaultValue("newest")
            String order,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(1000) int size) {
        boolean oldestFirst = switch (order.toLowerCase(Locale.ROOT)) {
            case "newest" -> false;
            case "oldest" -> true;
            default -> throw ProblemException.badRequest("order", "must be newest or oldest, was '" + order + "'");
        };
        SignalRepository.Filter filter = new SignalRepository.Filter(blankToNull(symbol), blankToNull(strategy),
                signalType(type), time("from", from), time("to", to));
        return repository.find(filter, oldestFirst, page, size);
    }

    private static String signalType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return SignalType.valueOf(type.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("type", "must be BUY or SELL, was '" + type + "'");
        }
    }

    private static Instant time(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return CsvBars.parseTime(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
