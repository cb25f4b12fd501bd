package dev.papertrader.localstack.up;

/** A failure of the local stack whose message tells the user what happened and what to do; printed as is. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
