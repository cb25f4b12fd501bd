package dev.papertrader.service.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every papertrader REST request's query and path parameters before the resource sees them: a value with a
 * NUL character ({@code %00}) is refused with a 400 problem naming the parameter. PostgreSQL cannot hold NUL in text,
 * so such a value could only fail later, as a 500, in whatever query it reached.
 */
public class InputFilters {

    @ServerRequestFilter
    public Response refuseNulCharacters(UriInfo uri) {
        String field = firstWithNul(uri.getQueryParameters());
        if (field == null) {
            field = firstWithNul(uri.getPathParameters());
        }
        if (field == null) {
            return null;
        }
        String reason = "must not contain the NUL character";
        return ProblemMappers.problem(400, field + " " + reason, uri, List.of(new Problem.Violation(field, reason)));
    }

    static String firstWithNul(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }
}
