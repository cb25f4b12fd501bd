package dev.papertrader.backtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.performance.PerformanceStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code summary.json}: the run's statistics and configuration as one JSON object.
 * <p>
 * Layout: {@code final_equity} and {@code trades} first, then every other component of {@link PerformanceStats}
 * under its snake_case name ({@code maxDrawdownDuration -> max_drawdown_duration}), then {@code configuration}, the
 * map passed in (keys as given, in its iteration order). Money is an exact plain JSON number ({@code 10500.00});
 * durations are ISO-8601 strings ({@code "PT72H"}); times are ISO-8601 strings.
 * <p>
 * Non-finite numbers, which JSON cannot hold, anywhere in the document: NaN (a ratio with nothing to measure,
 * e.g. the Sharpe ratio of a flat curve) is written as {@code null}; +∞ and −∞ (e.g. the profit factor with no
 * losing trade) as the strings {@code "Infinity"} and {@code "-Infinity"}, which keep the information and which
 * JavaScript's {@code Number(...)} and Python's {@code float(...)} both read back.
 */
public final class SummaryJsonWriter {

    public static final String FILE_NAME = "summary.json";

    private static final ObjectMapper MAPPER = JsonCodec.configure(JsonMapper.builder())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SummaryJsonWriter() {
    }

    /** Writes {@code dir/summary.json}, creating the directory if needed, replacing an older file; returns its path. */
    public static Path write(Path dir, PerformanceStats stats, Map<String, Object> configuration) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, toJson(stats, configuration), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The document as indented JSON text, ending with a newline. */
    public static String toJson(PerformanceStats stats, Map<String, Object> configuration) {
        try {
            return MAPPER.writeValueAsString(toTree(stats, configuration)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the summary", e);
        }
    }

    static ObjectNode toTree(PerformanceStats stats, Map<String, Object> configuration) {
        ObjectNode statistics = MAPPER.valueToTree(stats);
        ObjectNode summary = MAPPER.createObjectNode();
        summary.set("final_equity", statistics.remove("final_equity"));
        summary.set("trades", statistics.remove("trades"));
        summary.setAll(statistics);
        summary.set("configuration", MAPPER.valueToTree(configuration == null ? Map.of()
                : new LinkedHashMap<>(configuration)));
        return (ObjectNode) finite(summary);
    }

    /** The tree with every non-finite floating-point number replaced as the class documents. */
    private static JsonNode finite(JsonNode node) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
            double value = node.doubleValue();
            if (Double.isNaN(value)) {
                return JsonNodeFactory.instance.nullNode();
            }
            if (Double.isInfinite(value)) {
                return JsonNodeFactory.instance.textNode(value > 0 ? "Infinity" : "-Infinity");
            }
            return node;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                property.setValue(finite(property.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, finite(array.get(i)));
            }
        }
        return node;
    }
}
