package dev.papertrader.portfolio.rest;

import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.performance.PerformanceCalculator;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.portfolio.config.PortfolioConfig;
import dev.papertrader.portfolio.repository.PortfolioRepository;
import dev.papertrader.portfolio.service.PortfolioService;
import dev.papertrader.service.rest.ApiRoles;
import dev.papertrader.service.rest.Page;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Paper accounts: list, open, reset, and each account's latest snapshot, positions, trades, equity curve and
 * performance. Reads see what the last transaction committed; errors are RFC 9457 problem documents.
 */
@RolesAllowed(ApiRoles.VIEWER)
@Path("/accounts")
@Tag(name = "accounts")
public class AccountResource {

    private final PortfolioService service;
    private final PortfolioRepository repository;
    private final PortfolioConfig config;

    public AccountResource(PortfolioService service, PortfolioRepository repository, PortfolioConfig config) {
        this.service = service;
        this.repository = repository;
        this.config = config;
    }

    @GET
    @Operation(summary = "Every account's figures, sorted by id")
    public Uni<List<AccountSummary>> list() {
        return repository.accounts();
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Operation(summary = "Open an account; 400 if the id is taken or invalid")
    public Uni<Response> open(@NotNull @Valid NewAccountRequest request, UriInfo uri) {
        return service.openAccount(request.accountId(), request.startingCash()).map(snapshot -> Response
                .created(uri.getAbsolutePathBuilder().path(snapshot.accountId()).build()).entity(snapshot).build());
    }

    @POST
    @RolesAllowed(ApiRoles.TRADER)
    @Path("/{id}/reset")
    @Operation(summary = "Start an account afresh: no positions, no trades, an empty equity curve")
    public Uni<PortfolioSnapshot> reset(@PathParam("id") String id, @NotNull @Valid ResetAccountRequest request) {
        return service.resetAccount(id, request.startingCash());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The account's latest snapshot (as last published, or as opened or reset)")
    public Uni<PortfolioSnapshot> snapshot(@PathParam("id") String id) {
        return repository.snapshot(id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    @GET
    @Path("/{id}/positions")
    @Operation(summary = "The account's open positions, sorted by symbol")
    public Uni<List<PositionResponse>> positions(@PathParam("id") String id) {
        return requireAccount(id).chain(() -> repository.positions(id));
    }

    @GET
    @Path("/{id}/trades")
    @Operation(summary = "The account's closed round trips, in the order they closed")
    public Uni<Page<TradeResponse>> trades(@PathParam("id") String id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return requireAccount(id).chain(() -> repository.trades(id, page, size));
    }

    @GET
    @Path("/{id}/equity")
    @Operation(summary = "The account's equity curve in time order, optionally from and to an instant (inclusive)")
    public Uni<Page<EquityPoint>> equity(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("500") @Min(1) @Max(10000) int size) {
        Instant fromTime = instant("from", from);
        Instant toTime = instant("to", to);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw ProblemException.badRequest("to", "must not be before from");
        }
        return requireAccount(id).chain(() -> repository.equity(id, fromTime, toTime, page, size));
    }

    @GET
    @Path("/{id}/performance")
    @Operation(summary = "Performance statistics of the account's whole equity curve and trades")
    public Uni<PerformanceResponse> performance(@PathParam("id") String id,
            @QueryParam("periods-per-year") String periodsPerYear, @QueryParam("risk-free-rate") String riskFreeRate) {
        double periods = number("periods-per-year", periodsPerYear, config.performance().periodsPerYear());
        double riskFree = number("risk-free-rate", riskFreeRate, config.performance().riskFreeRate());
        if (!(periods > 0)) {
            throw ProblemException.badRequest("periods-per-year", "must be a positive number");
        }
        PerformanceParameters parameters = new PerformanceParameters(periods, riskFree);
        return repository.performanceInputs(id).map(found -> found.orElseThrow(() -> notFound(id)))
                .map(inputs -> new PerformanceResponse(id, periods, riskFree, inputs.curve().size(),
                        PerformanceCalculator.compute(inputs.startingCash(), inputs.curve(), inputs.trades(),
                                parameters)));
    }

    private Uni<Void> requireAccount(String id) {
        return repository.account(id).map(found -> {
            found.orElseThrow(() -> notFound(id));
            return null;
        });
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no account " + id);
    }

    /** A finite decimal query parameter, or {@code otherwise} when absent. */
    private static double number(String field, String value, double otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest(field, "must be a finite number, was '" + value + "'");
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant such as 2024-01-02T00:00:00Z");
        }
    }
}
