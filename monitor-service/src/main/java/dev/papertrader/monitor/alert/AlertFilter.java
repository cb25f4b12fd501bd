package dev.papertrader.monitor.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which events a client of the alerts stream wants. Each set, when not empty, restricts the stream:
 * <ul>
 *   <li>{@code types}: only events of these types;</li>
 *   <li>{@code symbols}: events about a symbol only for these symbols (exact, case-sensitive); events about no symbol
 *       (portfolio, feed status) still pass;</li>
 *   <li>{@code accounts}: events about an account only for these accounts; events about no account (signals, feed
 *       status) still pass.</li>
 * </ul>
 * An empty filter passes everything. Notices about the connection ({@code subscribed}, {@code dropped}) always pass.
 */
public record AlertFilter(Set<String> symbols, Set<AlertType> types, Set<String> accounts) {

    /** Passes every event. */
    public static final AlertFilter ALL = new AlertFilter(Set.of(), Set.of(), Set.of());

    public AlertFilter {
        symbols = Set.copyOf(symbols);
        types = Set.copyOf(types);
        accounts = Set.copyOf(accounts);
    }

    /** Whether {@code event} passes the filter. */
    public boolean matches(AlertEvent event) {
        if (!event.type().filterable()) {
            return true;
        }
        if (!types.isEmpty() && !types.contains(event.type())) {
            return false;
        }
        if (!symbols.isEmpty() && event.symbol() != null && !symbols.contains(event.symbol())) {
            return false;
        }
        return accounts.isEmpty() || event.account() == null || accounts.contains(event.account());
    }

    /**
     * The filter of a handshake's query string, e.g. {@code symbols=AAPL,MSFT&types=fill,decision&accounts=default}
     * (each value comma-separated or repeated; {@code symbol}, {@code type}, {@code account} are accepted too; other
     * parameters are ignored). Null or blank: {@link #ALL}.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static AlertFilter ofQuery(String query) {
        if (query == null || query.isBlank()) {
            return ALL;
        }
        Map<String, List<String>> parameters = new QueryStringDecoder(query, false).parameters();
        return of(values(parameters, "symbols", "symbol"), values(parameters, "types", "type"),
                values(parameters, "accounts", "account"));
    }

    /**
     * The filter a client sends as a text message to replace its own:
     * {@code {"symbols":["AAPL"],"types":["fill"],"accounts":["default"]}} (a missing or null field: no restriction).
     *
     * @throws IllegalArgumentException when it is not an object of string arrays, or names an unknown type
     */
    public static AlertFilter ofJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a filter is a JSON object {\"symbols\":[...],\"types\":[...],"
                    + "\"accounts\":[...]}");
        }
        return of(strings(json, "symbols"), strings(json, "types"), strings(json, "accounts"));
    }

    private static AlertFilter of(List<String> symbols, List<String> types, List<String> accounts) {
        Set<AlertType> parsedTypes = new LinkedHashSet<>();
        for (String type : types) {
            parsedTypes.add(AlertType.ofWireName(type));
        }
        return new AlertFilter(new LinkedHashSet<>(symbols), parsedTypes, new LinkedHashSet<>(accounts));
    }

    private static List<String> values(Map<String, List<String>> parameters, String... names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            for (String value : parameters.getOrDefault(name, List.of())) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        values.add(part.trim());
                    }
                }
            }
        }
        return values;
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            if (!element.isTextual() || element.asText().isBlank()) {
                throw new IllegalArgumentException("'" + field + "' must be an array of non-blank strings");
            }
            values.add(element.asText().trim());
        }
        return values;
    }
}
