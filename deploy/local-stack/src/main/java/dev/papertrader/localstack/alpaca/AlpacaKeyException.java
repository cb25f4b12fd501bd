package dev.papertrader.localstack.alpaca;

/** A key call that failed; the message is meant for the person at the terminal. */
public class AlpacaKeyException extends RuntimeException {

    public AlpacaKeyException(String message) {
        super(message);
    }
}
