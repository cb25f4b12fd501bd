package dev.papertrader.service.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.pgclient.PgException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the errors of every papertrader REST endpoint into RFC 9457 problem responses
 * ({@code application/problem+json}): Bean Validation failures are 400 with one violation per field, an unreadable
 * JSON body is 400 naming the field when Jackson knows it, a {@link ProblemException} has its own status, and the
 * other {@link WebApplicationException}s (404 for an unknown path, 405...) keep theirs.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response validationFailed(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::reason))
                .toList();
        String detail = violations.stream().map(v -> v.field() + " " + v.reason())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return problem(400, detail, uri, violations);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        List<Problem.Violation> violations = e.field() == null ? null : List.of(new Problem.Violation(e.field(), e.getMessage()));
        return problem(e.status(), e.getMessage(), uri, violations);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null)
                : null;
        String detail = "unreadable JSON body: " + e.getOriginalMessage();
        return problem(400, detail, uri, field == null ? null : List.of(new Problem.Violation(field, e.getOriginalMessage())));
    }

    /** Quarkus REST has its own mappers for these two; a field of the wrong type or form is a violation too. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    /**
     * No token, or one that is expired, badly signed or from another issuer: 401 with {@code WWW-Authenticate: Bearer}.
     * (The services authenticate lazily, {@code quarkus.http.auth.proactive=false}, so these reach the REST layer.)
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "a bearer token is required (./papertrader token --role viewer|trader)",
                uri, null)).header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token without the role the operation needs: 403. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "this operation needs another role: reads need viewer, changes need trader", uri, null);
    }

    /**
     * A query or path parameter that cannot be converted to its Java type ({@code ?page=abc}): Quarkus REST answers
     * 404 (as JAX-RS asks) with the conversion error as the cause; that is invalid input, so 400 naming the parameter.
     * A 404 without a cause (an unknown path or id) stays 404.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (e.getCause() == null || method == null) {
            return webApplication(e, uri);
        }
        String field = ParameterConversion.failingParameter(method, uri);
        String reason = "has the wrong type or form: " + e.getCause().getMessage();
        return problem(400, (field == null ? "a query or path parameter " : field + " ") + reason, uri,
                field == null ? null : List.of(new Problem.Violation(field, reason)));
    }

    /**
     * PostgreSQL refused a value as data ({@code SQLSTATE} class 22: a NUL character, a number out of its column's
     * range...): the input was invalid, so 400; the transaction that tried it was rolled back, nothing changed.
     */
    @ServerExceptionMapper
    public Response unstorableValue(PgException e, UriInfo uri) {
        String state = e.getSqlState();
        if (state == null || !state.startsWith("22")) {
            return problem(500, "the database refused the request (" + state + ")", uri, null);
        }
        return problem(400, "a value cannot be stored: " + e.getErrorMessage(), uri, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus REST reports a body Jackson cannot read as a 400 with the Jackson error as its cause.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        return problem(status, e.getMessage(), uri, null);
    }

    /** A problem response of {@code type about:blank}. */
    public static Response problem(int status, String detail, UriInfo uri, List<Problem.Violation> violations) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        Problem body = new Problem("about:blank", title, status, detail, uri == null ? null : uri.getRequestUri().getRawPath(),
                violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** The last property name of the path: {@code create.request.qty} → {@code qty}; a parameter keeps its name. */
    static String fieldName(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER) {
                name = node.getName();
            }
        }
        return name == null ? violation.getPropertyPath().toString() : name;
    }
}
