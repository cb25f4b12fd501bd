package dev.papertrader.service.rest;

/**
 * Ends a request with a {@link Problem} response: thrown by a resource (or failing its {@code Uni}), it becomes
 * {@code status} with {@code detail}, e.g. {@code 404} for an unknown id or {@code 409} for a state conflict.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String field;

    public ProblemException(int status, String detail) {
        this(status, null, detail);
    }

    /** A problem about one input field; the response lists it as a violation. */
    public ProblemException(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail);
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, field, detail);
    }

    public int status() {
        return status;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }
}
