package dev.papertrader.core.json;

import com.fasterxml.jackson.databind.JsonMappingException;

/** A message that cannot be decoded into a valid record; the message says which field and why. */
public class MessageFormatException extends RuntimeException {

    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    static MessageFormatException of(Class<?> type, Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = "";
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where = " at " + mapping.getPathReference().replaceAll("^[^\\[]*", "");
        }
        String reason = root instanceof IllegalArgumentException || root instanceof NullPointerException
                ? root.getMessage()
                : firstLine(error.getMessage());
        return new MessageFormatException("invalid " + type.getSimpleName() + where + ": " + reason, error);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
