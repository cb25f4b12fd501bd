package dev.papertrader.router.alpaca;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error of the Alpaca API, answered in Alpaca's shape: HTTP {@link #status()} with body
 * {@code {"code": <int>, "message": "..."}}.
 */
public final class AlpacaException extends RuntimeException {

    /** 401: missing or unknown key, or a wrong secret. */
    public static final int UNAUTHORIZED = 40110000;
    /** 403: insufficient buying power or a risk rule refused the order. */
    public static final int FORBIDDEN = 40310000;
    /** 404: no such order, position or asset. */
    public static final int NOT_FOUND = 40410000;
    /** 422: an invalid field (Alpaca answers these with 422). */
    public static final int INVALID = 40010001;
    /** 422: the order cannot be cancelled or replaced any more. */
    public static final int NOT_CANCELABLE = 42210000;

    private final int status;
    private final int code;

    public AlpacaException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static AlpacaException unauthorized() {
        return new AlpacaException(401, UNAUTHORIZED, "request is not authorized");
    }

    public static AlpacaException forbidden(String message) {
        return new AlpacaException(403, FORBIDDEN, message);
    }

    public static AlpacaException notFound(String message) {
        return new AlpacaException(404, NOT_FOUND, message);
    }

    public static AlpacaException invalid(String message) {
        return new AlpacaException(422, INVALID, message);
    }

    public static AlpacaException notCancelable(String message) {
        return new AlpacaException(422, NOT_CANCELABLE, message);
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", getMessage());
        return body;
    }
}
