package dev.papertrader.service.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An HTTP error body in the RFC 9457 "problem details" form, sent as {@code application/problem+json}.
 *
 * @param type       a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title      short summary of the kind (the status's reason phrase for {@code about:blank})
 * @param status     the HTTP status code
 * @param detail     what went wrong this time
 * @param instance   the request path
 * @param violations for a validation failure, each invalid field and why (extension member)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: the field's name (as in the JSON body or the query) and the rule it breaks. */
    public record Violation(String field, String reason) {
    }
}
