package dev.papertrader.localstack.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Drives every operation of a running service's OpenAPI document ({@code /q/openapi?format=json}) with generated bad
 * input and reports what broke the rules. From each parameter's and request body property's schema it makes values of
 * the wrong type, out of the declared bounds, huge ({@code 1e400}, {@code 99999999999999999999}, {@code Long.MAX_VALUE + 1},
 * 100,000 characters), empty, {@code NaN}/{@code Infinity} and injection strings (SQL, script, path traversal, NUL);
 * for a body also malformed JSON, JSON of the wrong shape, missing required fields, an unknown field, a wrong content
 * type and a huge body. The selection is drawn with a seeded {@link Random}: the same seed and document give the same
 * cases, at most {@link #maxCasesPerOperation} (30) per operation.
 *
 * <p>A case either <em>must be rejected</em> (it violates the schema: wrong type, out of bounds, not in the enum,
 * missing, malformed; or a path parameter that names nothing) or is merely hostile (an injection string where any
 * string is allowed), which a read may accept. Operations that change state ({@code POST}, {@code PUT},
 * {@code DELETE}) get only cases that must be rejected, so the stored state must not move at all. The rules
 * ({@link #failures}):
 * <ul>
 *   <li>no answer is a 5xx;</li>
 *   <li>every 4xx is {@code application/problem+json} with a non-blank {@code detail};</li>
 *   <li>a case that must be rejected gets a 4xx;</li>
 *   <li>the stored state (e.g. {@link StoredState}) is the same after each rejected change, and after all reads;</li>
 *   <li>the first case of every operation sent without a token answers 401.</li>
 * </ul>
 *
 * <pre>{@code
 * List<String> failures = new ApiFuzzer(42)
 *         .withValidBody("POST /api/orders/orders", "{\"accountId\":\"fuzz\",...}")
 *         .failures(StoredState.of(ServiceRole.ORDERS));
 * }</pre>
 */
public final class ApiFuzzer {

    /** SQL, script, template, path traversal, NUL, control and odd Unicode: each a string no field should choke on. */
    public static final List<String> INJECTIONS = List.of("' or 1=1--", "'; drop table orders;--", "\" or \"\"=\"",
            "<script>alert(1)</script>", "../../etc/passwd", "..\\..\\windows\\win.ini", "\u0000", "%00", "${jndi:ldap://x/a}",
            "{{7*7}}", "\r\nSet-Cookie: a=b", "\u202e\uFEFF\uD83D\uDE00", "%s%s%n");

    /** Numbers no parameter can hold: beyond double, beyond long, {@code Long.MAX_VALUE + 1}. */
    public static final List<String> HUGE_NUMBERS = List.of("1e400", "99999999999999999999", "9223372036854775808",
            "-9223372036854775809");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** A long string in a body. */
    private static final int LONG_STRING = 100_000;
    /** A long string in a query or path: within the server's 4096-byte request line, which is the HTTP layer's limit. */
    private static final int LONG_URI_STRING = 3_000;

    /**
     * One generated request.
     *
     * @param operation      {@code METHOD /path-template}, as in the document
     * @param method         HTTP method
     * @param uri            path and query, already percent-encoded
     * @param contentType    the request's content type, or null for no body
     * @param body           the body, or null
     * @param mustBeRejected whether the input violates the schema (a 2xx is a failure)
     * @param what           what is wrong with it, for the failure messages
     */
    public record FuzzCase(String operation, String method, String uri, String contentType, String body,
                           boolean mustBeRejected, String what) {

        public boolean changesState() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + abbreviate(uri) + " [" + what + "]";
        }
    }

    /** A bad value for one parameter or property: as raw text (query, path) and as a JSON literal. */
    private record Bad(String text, String json, boolean violates, String what) {
    }

    private record Operation(String method, String path, List<JsonObject> parameters, JsonObject bodySchema,
                             boolean bodyRequired) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final long seed;
    private int maxCasesPerOperation = 30;
    private final Map<String, String> validBodies = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private JsonObject components = new JsonObject();
    private final List<String> excludedPrefixes = new ArrayList<>();

    public ApiFuzzer(long seed) {
        this.seed = seed;
    }

    /**
     * A valid body for {@code operation} ({@code "POST /api/orders/orders"}): each property's bad values replace one
     * property of it, so the bad value is the only thing wrong. Without one, the body is built from the schema.
     */
    public ApiFuzzer withValidBody(String operation, String json) {
        validBodies.put(operation, json);
        return this;
    }

    /** The value of path parameter {@code name} when it is not the one being fuzzed (default {@code 0} or {@code fuzz}). */
    public ApiFuzzer withPathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /**
     * Leaves out the operations whose path starts with {@code pathPrefix} (e.g. {@code /v2/}): an API with its own
     * authentication and error shape, which the service's tests check separately.
     */
    public ApiFuzzer excludingPathsUnder(String pathPrefix) {
        excludedPrefixes.add(pathPrefix);
        return this;
    }

    /** At most this many cases per operation (default 30), drawn with the seed. */
    public ApiFuzzer maxCasesPerOperation(int max) {
        this.maxCasesPerOperation = max;
        return this;
    }

    /** The cases for the service's document, in a deterministic order. */
    public List<FuzzCase> cases() {
        JsonObject document = new JsonObject(RestAssured.given().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        components = document.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
        Random random = new Random(seed);
        List<FuzzCase> all = new ArrayList<>();
        for (Operation operation : operations(document)) {
            if (excludedPrefixes.stream().anyMatch(operation.path()::startsWith)) {
                continue;
            }
            List<FuzzCase> cases = new ArrayList<>(casesFor(operation));
            if (!operation.method().equals("GET")) {
                cases.removeIf(c -> !c.mustBeRejected());
            }
            Collections.shuffle(cases, random);
            all.addAll(cases.subList(0, Math.min(maxCasesPerOperation, cases.size())));
        }
        return all;
    }

    /**
     * Sends every case of {@link #cases()} with a trader's token (so the role is never the reason for a refusal) and
     * the first of each operation without a token, and returns what broke the rules, one line each; empty when all is
     * well. {@code storedState} reads what the service stores (e.g. {@link StoredState}).
     */
    public List<String> failures(Supplier<String> storedState) {
        List<FuzzCase> cases = cases();
        List<String> failures = new ArrayList<>();
        if (cases.isEmpty()) {
            failures.add("the OpenAPI document gave no case to send");
        }
        String state = storedState.get();
        String readsStart = state;
        Set<String> anonymousSent = new java.util.HashSet<>();
        for (FuzzCase fuzzCase : cases) {
            if (anonymousSent.add(fuzzCase.operation())) {
                Response anonymous = send(fuzzCase, RestAssured.given());
                if (anonymous.statusCode() != 401) {
                    failures.add(fuzzCase + " without a token answered " + anonymous.statusCode() + ", expected 401");
                }
                checkProblem(failures, fuzzCase + " without a token", anonymous);
            }
            Response response = send(fuzzCase, ApiRequests.asTrader());
            int status = response.statusCode();
            if (status >= 500) {
                failures.add(fuzzCase + " answered " + status + ": " + abbreviate(response.asString()));
                continue;
            }
            if (fuzzCase.mustBeRejected() && status < 400) {
                failures.add(fuzzCase + " was accepted (" + status + "): " + abbreviate(response.asString()));
            }
            checkProblem(failures, fuzzCase.toString(), response);
            if (fuzzCase.changesState()) {
                String after = storedState.get();
                if (status >= 400 && !after.equals(state)) {
                    failures.add(fuzzCase + " was refused (" + status + ") but changed the stored state: "
                            + StoredState.differences(state, after));
                }
                state = after;
                readsStart = after;
            }
        }
        String end = storedState.get();
        if (!end.equals(readsStart)) {
            failures.add("the reads changed the stored state: " + StoredState.differences(readsStart, end));
        }
        return failures;
    }

    private static void checkProblem(List<String> failures, String what, Response response) {
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            return;
        }
        String type = response.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            failures.add(what + " answered " + status + " as '" + type + "', expected application/problem+json: "
                    + abbreviate(response.asString()));
            return;
        }
        Object detail;
        try {
            detail = new JsonObject(response.asString()).getValue("detail");
        } catch (RuntimeException e) {
            failures.add(what + " answered " + status + " with a body that is no JSON object: " + abbreviate(response.asString()));
            return;
        }
        if (!(detail instanceof String text) || text.isBlank()) {
            failures.add(what + " answered " + status + " without a detail: " + abbreviate(response.asString()));
        }
    }

    private static Response send(FuzzCase fuzzCase, RequestSpecification specification) {
        RequestSpecification request = specification.urlEncodingEnabled(false).redirects().follow(false);
        if (fuzzCase.contentType() != null) {
            request = request.contentType(fuzzCase.contentType()).body(fuzzCase.body().getBytes(StandardCharsets.UTF_8));
        }
        return request.request(fuzzCase.method(), fuzzCase.uri());
    }

    // ---- generation ----

    private List<FuzzCase> casesFor(Operation operation) {
        List<FuzzCase> cases = new ArrayList<>();
        boolean changes = !operation.method().equals("GET");
        String validBody = operation.bodySchema() == null ? null
                : validBodies.getOrDefault(operation.toString(), io.vertx.core.json.Json.encode(example(operation.bodySchema(), 0)));
        for (JsonObject parameter : operation.parameters()) {
            String in = parameter.getString("in");
            if (!"path".equals(in) && !"query".equals(in)) {
                continue;
            }
            String name = parameter.getString("name");
            JsonObject schema = resolve(parameter.getJsonObject("schema", new JsonObject()));
            for (Bad bad : badValues(schema, parameter.getBoolean("required", false))) {
                if (bad.text() == null || "path".equals(in) && bad.text().isEmpty()) {
                    continue; // an empty path segment is another path: routing, not this operation, answers it
                }
                // a path parameter never names anything when it is garbage: a change to it must be refused
                boolean violates = bad.violates() || ("path".equals(in) && changes);
                String uri = "path".equals(in)
                        ? path(operation, name, encode(bad.text()))
                        : path(operation, null, null) + "?" + encode(name) + "=" + encode(bad.text());
                cases.add(new FuzzCase(operation.toString(), operation.method(), uri,
                        validBody == null ? null : "application/json", validBody, violates, in + " " + name + ": " + bad.what()));
            }
        }
        if (operation.bodySchema() != null) {
            String uri = path(operation, null, null);
            for (Map.Entry<String, String> body : bodyMutations(operation.bodySchema(), validBody).entrySet()) {
                cases.add(new FuzzCase(operation.toString(), operation.method(), uri, "application/json", body.getValue(),
                        true, "body: " + body.getKey()));
            }
            cases.add(new FuzzCase(operation.toString(), operation.method(), uri, "text/plain", validBody, true,
                    "body: as text/plain"));
            cases.add(new FuzzCase(operation.toString(), operation.method(), uri, "application/xml",
                    "<a>" + validBody + "</a>", true, "body: as application/xml"));
            if (operation.bodyRequired()) {
                cases.add(new FuzzCase(operation.toString(), operation.method(), uri, "application/json", "", true,
                        "body: empty"));
            }
            JsonObject schema = resolve(operation.bodySchema());
            JsonObject properties = schema.getJsonObject("properties", new JsonObject());
            for (String property : properties.fieldNames()) {
                JsonObject propertySchema = resolve(properties.getJsonObject(property));
                boolean required = schema.getJsonArray("required", new JsonArray()).contains(property);
                for (Bad bad : badValues(propertySchema, required)) {
                    if (bad.json() == null) {
                        continue;
                    }
                    JsonObject mutated = new JsonObject(validBody);
                    mutated.put(property, new JsonArray("[" + bad.json() + "]").getValue(0));
                    cases.add(new FuzzCase(operation.toString(), operation.method(), uri, "application/json",
                            mutated.encode(), bad.violates(), "body " + property + ": " + bad.what()));
                }
            }
        }
        return cases;
    }

    /** Whole-body mutations that no body schema accepts. */
    private Map<String, String> bodyMutations(JsonObject bodySchema, String validBody) {
        Map<String, String> mutations = new LinkedHashMap<>();
        mutations.put("malformed: cut short", validBody.substring(0, Math.max(1, validBody.length() / 2)));
        mutations.put("malformed: trailing comma", "{\"a\":1,}");
        mutations.put("malformed: not JSON", "' or 1=1--");
        mutations.put("malformed: single quotes", validBody.replace('"', '\''));
        mutations.put("malformed: NaN literal", "{\"x\":NaN}");
        mutations.put("wrong shape: array", "[" + validBody + "]");
        mutations.put("wrong shape: string", "\"<script>alert(1)</script>\"");
        mutations.put("wrong shape: number", "1e400");
        mutations.put("wrong shape: null", "null");
        mutations.put("huge: array of 200000 numbers", "[" + "1,".repeat(199_999) + "1]");
        mutations.put("huge: nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        JsonObject schema = resolve(bodySchema);
        JsonArray required = schema.getJsonArray("required", new JsonArray());
        for (int i = 0; i < required.size(); i++) {
            JsonObject without = new JsonObject(validBody);
            without.remove(required.getString(i));
            without.put("unknownField", "' or 1=1--");
            mutations.put("missing required " + required.getString(i) + ", with an unknown field", without.encode());
        }
        return mutations;
    }

    /** Bad values for a value of {@code schema}, each marked whether it violates the schema. */
    private List<Bad> badValues(JsonObject schema, boolean required) {
        List<Bad> bad = new ArrayList<>();
        String type = type(schema);
        switch (type) {
            case "integer", "number" -> {
                boolean integer = type.equals("integer");
                bad.add(new Bad("abc", "\"abc\"", true, "not a number"));
                bad.add(new Bad("true", "true", true, "a boolean"));
                bad.add(new Bad(null, "{}", true, "an object"));
                bad.add(new Bad(null, "[1]", true, "an array"));
                // Jackson truncates 1.5 to an int, a query parameter of an int type cannot read it
                bad.add(new Bad(null, "1.5", false, "a fraction"));
                bad.add(new Bad("1.5", null, integer, "a fraction"));
                for (String huge : HUGE_NUMBERS) {
                    boolean violates = integer || exceeds(schema, new BigDecimal(huge));
                    bad.add(new Bad(huge, huge, violates, "huge " + huge));
                }
                bad.add(new Bad("NaN", "\"NaN\"", integer, "NaN"));
                bad.add(new Bad("Infinity", "\"Infinity\"", integer, "Infinity"));
                bad.add(new Bad("-Infinity", "\"-Infinity\"", integer, "-Infinity"));
                bad.add(new Bad("", "\"\"", false, "empty"));
                bad.add(new Bad("0x10", "\"0x10\"", true, "hexadecimal"));
                for (String value : List.of("-1", "0")) {
                    bad.add(new Bad(value, value, exceeds(schema, new BigDecimal(value)), value));
                }
                BigDecimal minimum = bound(schema, "minimum");
                BigDecimal maximum = bound(schema, "maximum");
                if (minimum != null) {
                    BigDecimal below = minimum.subtract(integer ? BigDecimal.ONE : new BigDecimal("0.000001"));
                    bad.add(new Bad(below.toPlainString(), below.toPlainString(), true, "below the minimum " + minimum));
                }
                if (maximum != null) {
                    BigDecimal above = maximum.add(integer ? BigDecimal.ONE : new BigDecimal("0.000001"));
                    bad.add(new Bad(above.toPlainString(), above.toPlainString(), true, "above the maximum " + maximum));
                }
                for (String injection : INJECTIONS.subList(0, 5)) {
                    bad.add(new Bad(injection, quote(injection), true, "injection"));
                }
            }
            case "boolean" -> {
                bad.add(new Bad("maybe", "\"maybe\"", false, "not a boolean")); // a JAX-RS Boolean reads it as false
                bad.add(new Bad(null, "\"maybe\"", true, "not a boolean"));
                bad.add(new Bad(null, "{}", true, "an object"));
                bad.add(new Bad(null, "[]", true, "an array"));
                bad.add(new Bad("' or 1=1--", null, false, "injection"));
            }
            case "array", "object" -> {
                bad.add(new Bad(null, "\"<script>alert(1)</script>\"", true, "a string"));
                bad.add(new Bad(null, "1e400", true, "a huge number"));
                bad.add(new Bad(null, type.equals("array") ? "{}" : "[]", true, "the wrong container"));
                if (type.equals("object")) {
                    bad.add(new Bad(null, "{\"' or 1=1--\":{\"a\":[1]}}", schema.containsKey("additionalProperties")
                            && resolve(schema.getJsonObject("additionalProperties", new JsonObject())).containsKey("type")
                            && !type(resolve(schema.getJsonObject("additionalProperties"))).equals("object"),
                            "an injection key with a nested value"));
                }
            }
            default -> stringValues(schema, bad);
        }
        if (required) {
            bad.add(new Bad(null, "null", true, "null"));
        }
        return bad;
    }

    private void stringValues(JsonObject schema, List<Bad> bad) {
        JsonArray allowed = schema.getJsonArray("enum");
        Pattern pattern = pattern(schema.getString("pattern"));
        Integer maxLength = schema.getInteger("maxLength");
        int minLength = schema.getInteger("minLength", 0);
        String format = schema.getString("format", "");
        boolean temporal = format.equals("date-time") || format.equals("date");
        List<String> values = new ArrayList<>(INJECTIONS);
        values.add("");
        values.add(" ");
        values.add("x".repeat(LONG_URI_STRING));
        values.add("NOT_A_KNOWN_VALUE");
        values.add("1e400");
        if (temporal) {
            values.add("yesterday");
            values.add("2013-13-01");
            values.add("2013-02-30T25:61:00Z");
            values.add("+99999999-01-01T00:00:00Z");
        }
        for (String value : values) {
            boolean violates = (allowed != null && !allowed.contains(value))
                    || (pattern != null && !matches(pattern, value))
                    || (maxLength != null && value.length() > maxLength)
                    || value.length() < minLength
                    || (temporal && !value.matches("\\d{4}-\\d{2}-\\d{2}.*"));
            String what = value.length() > 40 ? value.length() + " characters" : "'" + printable(value) + "'";
            bad.add(new Bad(value, quote(value), violates, what));
        }
        String huge = "x".repeat(LONG_STRING);
        bad.add(new Bad(null, quote(huge), (maxLength != null && huge.length() > maxLength) || pattern != null && !matches(pattern, huge) || allowed != null, LONG_STRING + " characters"));
        bad.add(new Bad(null, "{}", true, "an object"));
        bad.add(new Bad(null, "[\"a\"]", true, "an array"));
    }

    /** A value of the schema's type, built from its enum, example, default or minimum: not necessarily valid. */
    private Object example(JsonObject rawSchema, int depth) {
        JsonObject schema = resolve(rawSchema);
        if (schema.containsKey("example")) {
            return schema.getValue("example");
        }
        if (schema.containsKey("default")) {
            return schema.getValue("default");
        }
        JsonArray allowed = schema.getJsonArray("enum");
        if (allowed != null && !allowed.isEmpty()) {
            return allowed.getValue(0);
        }
        return switch (type(schema)) {
            case "integer", "number" -> {
                BigDecimal minimum = bound(schema, "minimum");
                yield minimum == null ? 1 : minimum.max(BigDecimal.ONE);
            }
            case "boolean" -> true;
            case "array" -> new JsonArray();
            case "object" -> {
                JsonObject object = new JsonObject();
                JsonObject properties = schema.getJsonObject("properties", new JsonObject());
                if (depth < 4) {
                    for (String property : properties.fieldNames()) {
                        object.put(property, example(properties.getJsonObject(property), depth + 1));
                    }
                }
                yield object;
            }
            default -> "fuzz";
        };
    }

    private JsonObject resolve(JsonObject schema) {
        JsonObject current = schema;
        for (int i = 0; i < 10 && current != null; i++) {
            String ref = current.getString("$ref");
            if (ref == null) {
                JsonArray allOf = current.getJsonArray("allOf");
                if (allOf != null && allOf.size() == 1 && !current.containsKey("properties")) {
                    current = allOf.getJsonObject(0);
                    continue;
                }
                return current;
            }
            current = components.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1), new JsonObject());
        }
        return current == null ? new JsonObject() : current;
    }

    private static String type(JsonObject schema) {
        Object type = schema.getValue("type");
        if (type instanceof JsonArray types) { // OpenAPI 3.1: ["integer", "null"]
            for (int i = 0; i < types.size(); i++) {
                if (!"null".equals(types.getString(i))) {
                    return types.getString(i);
                }
            }
        }
        if (type instanceof String text) {
            return text;
        }
        return schema.containsKey("properties") ? "object" : "string";
    }

    private static BigDecimal bound(JsonObject schema, String name) {
        Object value = schema.getValue(name);
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        String exclusive = "exclusive" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Object exclusiveValue = schema.getValue(exclusive);
        return exclusiveValue instanceof Number number ? new BigDecimal(number.toString()) : null;
    }

    /** Whether {@code value} lies outside the schema's declared bounds (an exclusive bound excludes itself). */
    private static boolean exceeds(JsonObject schema, BigDecimal value) {
        BigDecimal minimum = bound(schema, "minimum");
        BigDecimal maximum = bound(schema, "maximum");
        boolean exclusiveMinimum = schema.getValue("exclusiveMinimum") instanceof Number
                || Boolean.TRUE.equals(schema.getValue("exclusiveMinimum"));
        boolean exclusiveMaximum = schema.getValue("exclusiveMaximum") instanceof Number
                || Boolean.TRUE.equals(schema.getValue("exclusiveMaximum"));
        return minimum != null && (exclusiveMinimum ? value.compareTo(minimum) <= 0 : value.compareTo(minimum) < 0)
                || maximum != null && (exclusiveMaximum ? value.compareTo(maximum) >= 0 : value.compareTo(maximum) > 0);
    }

    /**
     * Whether {@code value} matches a pattern of the document. They come from Bean Validation's {@code @Pattern}, which
     * matches the whole value; but SmallRye writes {@code @NotBlank} as the pattern {@code \S}, meant unanchored as JSON
     * Schema patterns are.
     */
    private static boolean matches(Pattern pattern, String value) {
        return pattern.pattern().equals("\\S") ? pattern.matcher(value).find() : pattern.matcher(value).matches();
    }

    private static Pattern pattern(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private String path(Operation operation, String fuzzed, String encodedValue) {
        String path = operation.path();
        for (JsonObject parameter : operation.parameters()) {
            if (!"path".equals(parameter.getString("in"))) {
                continue;
            }
            String name = parameter.getString("name");
            String value;
            if (name.equals(fuzzed)) {
                value = encodedValue;
            } else {
                String type = type(resolve(parameter.getJsonObject("schema", new JsonObject())));
                value = encode(pathValues.getOrDefault(name, type.equals("integer") || type.equals("number") ? "0" : "fuzz"));
            }
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private List<Operation> operations(JsonObject document) {
        List<Operation> operations = new ArrayList<>();
        JsonObject paths = document.getJsonObject("paths", new JsonObject());
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            List<JsonObject> shared = objects(item.getJsonArray("parameters"));
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonObject operation = item.getJsonObject(method);
                List<JsonObject> parameters = new ArrayList<>(shared);
                parameters.addAll(objects(operation.getJsonArray("parameters")));
                JsonObject requestBody = operation.getJsonObject("requestBody");
                JsonObject bodySchema = null;
                if (requestBody != null) {
                    JsonObject content = requestBody.getJsonObject("content", new JsonObject());
                    JsonObject json = content.getJsonObject("application/json");
                    bodySchema = json == null ? new JsonObject().put("type", "object")
                            : json.getJsonObject("schema", new JsonObject().put("type", "object"));
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, parameters, bodySchema,
                        requestBody != null && requestBody.getBoolean("required", false)));
            }
        }
        return operations;
    }

    private static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> objects = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                objects.add(array.getJsonObject(i));
            }
        }
        return objects;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quote(String value) {
        return new JsonArray().add(value).encode().substring(1).replaceAll("]$", "");
    }

    private static String printable(String value) {
        StringBuilder text = new StringBuilder();
        value.codePoints().forEach(c -> text.append(c < 32 || c == 127 ? String.format("\\u%04x", c) : Character.toString(c)));
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }
}
