package dev.papertrader.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON form of every message, shared by all services and tools.
 * Decimals are written as plain JSON numbers and read as {@link java.math.BigDecimal} (never through a
 * double), times as ISO-8601 strings. Unknown fields are ignored so producers can add optional fields;
 * a missing or invalid required field fails with a {@link MessageFormatException} naming it.
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

    private JsonCodec() {
    }

    /** Applies papertrader's JSON conventions to a mapper builder (services use it on Quarkus' own mapper). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.addModule(new JavaTimeModule())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(Object message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static byte[] encodeBytes(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** Decodes a message, turning every kind of bad input into a {@link MessageFormatException} with a reason. */
    public static <T> T decode(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw MessageFormatException.of(type, e);
        }
    }

    public static <T> T decode(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            throw MessageFormatException.of(type, e);
        }
    }
}
