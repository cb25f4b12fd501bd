package dev.papertrader.monitor.feed.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Binance's public market data formats (Spot API documentation, "Kline/Candlestick Streams" and
 * {@code GET /api/v3/klines}):
 * <ul>
 * <li>a stream frame: a kline event {@code {"e":"kline","E":eventTime,"s":symbol,"k":{"t","T","s","i","o","c","h","l",
 * "v","x",...}}}, either raw (the {@code /ws} endpoint) or in a combined-stream envelope
 * {@code {"stream":"btcusdt@kline_1m","data":{...}}}; an answer to a SUBSCRIBE request {@code {"result":null,"id":1}}
 * or any other event is a control message;</li>
 * <li>a klines response: an array of rows {@code [openTime, "open", "high", "low", "close", "volume", closeTime,
 * "quoteVolume", trades, "takerBuyBase", "takerBuyQuote", "ignore"]}.</li>
 * </ul>
 * Prices and volumes are decimal strings, read as {@link BigDecimal} without passing through a double. A frame
 * that is not JSON, misses a field or has a value of the wrong kind is {@link Malformed}, with the reason.
 */
public final class BinanceMessages {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private BinanceMessages() {
    }

    /** What a stream frame holds. */
    public sealed interface StreamMessage permits KlineEvent, Control, Malformed {
    }

    /** A kline event. */
    public record KlineEvent(BinanceKline kline) implements StreamMessage {
    }

    /** Anything else well-formed: an answer to SUBSCRIBE/UNSUBSCRIBE, another event type. */
    public record Control(String text) implements StreamMessage {
    }

    /** A frame that could not be read, and why. */
    public record Malformed(String reason) implements StreamMessage {
    }

    /** Reads one text frame of the stream. */
    public static StreamMessage parseFrame(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Malformed("not a JSON object");
        }
        JsonNode event = root.has("data") && root.has("stream") ? root.get("data") : root;
        if (!event.isObject() || !"kline".equals(event.path("e").asText(null))) {
            return new Control(text);
        }
        try {
            JsonNode k = required(event, "k");
            if (!k.isObject()) {
                throw new IllegalArgumentException("k is not an object");
            }
            JsonNode closed = required(k, "x");
            if (!closed.isBoolean()) {
                throw new IllegalArgumentException("k.x is not a boolean");
            }
            return new KlineEvent(new BinanceKline(text(k, "s").toUpperCase(Locale.ROOT), text(k, "i"),
                    millis(k, "t"), millis(k, "T"), decimal(k, "o"), decimal(k, "h"), decimal(k, "l"), decimal(k, "c"),
                    decimal(k, "v"), closed.booleanValue(), millis(event, "E")));
        } catch (IllegalArgumentException e) {
            return new Malformed("kline event: " + e.getMessage());
        }
    }

    /**
     * Reads a {@code GET /api/v3/klines} response body; every row is marked closed (the caller asks only for klines
     * that precede a closed one, or drops the last open one).
     *
     * @throws IllegalArgumentException when the body is not such an array
     */
    public static List<BinanceKline> parseKlines(String body, String symbol, String interval) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("klines response is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("klines response is not an array");
        }
        List<BinanceKline> klines = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            if (!row.isArray() || row.size() < 7) {
                throw new IllegalArgumentException("klines row " + i + " is not an array of at least 7 elements");
            }
            try {
                klines.add(new BinanceKline(symbol, interval, millis(row.get(0)), millis(row.get(6)),
                        decimal(row.get(1)), decimal(row.get(2)), decimal(row.get(3)), decimal(row.get(4)),
                        decimal(row.get(5)), true, null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("klines row " + i + ": " + e.getMessage(), e);
            }
        }
        return klines;
    }

    /** The SUBSCRIBE or UNSUBSCRIBE request for {@code streams}, numbered {@code id}. */
    public static String request(String method, List<String> streams, long id) {
        var node = MAPPER.createObjectNode();
        node.put("method", method);
        var params = node.putArray("params");
        streams.forEach(params::add);
        node.put("id", id);
        return node.toString();
    }

    /** The stream name of a symbol's klines: {@code btcusdt@kline_1m}. */
    public static String klineStream(String symbol, String interval) {
        return symbol.toLowerCase(Locale.ROOT) + "@kline_" + interval;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is not a non-blank string");
        }
        return value.asText();
    }

    private static Instant millis(JsonNode node, String field) {
        try {
            return millis(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static Instant millis(JsonNode value) {
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("not a time in epoch milliseconds: " + value);
        }
        return Instant.ofEpochMilli(value.longValue());
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        try {
            return decimal(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /** A decimal string ({@code "800.01000000"}), as Binance sends prices; a JSON number is accepted too. */
    private static BigDecimal decimal(JsonNode value) {
        if (value != null && value.isTextual()) {
            try {
                return new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a decimal: \"" + value.asText() + "\"", e);
            }
        }
        if (value != null && value.isNumber()) {
            return value.decimalValue();
        }
        throw new IllegalArgumentException("not a decimal: " + value);
    }
}
