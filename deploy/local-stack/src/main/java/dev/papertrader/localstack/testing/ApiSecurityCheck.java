package dev.papertrader.localstack.testing;

import dev.papertrader.localstack.security.ApiRole;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a running service's access rules against its own OpenAPI document ({@code /q/openapi}), so an endpoint added
 * later is checked too. The rule: every operation needs a token (no token → 401, a token signed by an unknown key →
 * 401); a read ({@code GET}) needs the viewer role; anything else changes state and needs the trader role (a viewer
 * → 403, a trader → neither 401 nor 403). The probes, health, metrics and OpenAPI stay open, and the document declares
 * the bearer scheme.
 *
 * <p>The requests are built to change nothing: path parameters name nothing ({@code 0} or {@code auth-probe}), a
 * request body is malformed JSON (a trader gets 400), and an operation without a body gets the query given in
 * {@link #withQuery} (e.g. an invalid parameter), else none: such an operation must be harmless to call.
 */
public final class ApiSecurityCheck {

    /** Open to anyone: probes, metrics, the API description. */
    public static final List<String> PUBLIC_PATHS = List.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/metrics", "/q/openapi", "/q/swagger-ui/");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** One operation of the document. */
    public record Operation(String method, String path, boolean hasBody, List<JsonObject> parameters) {

        public boolean changesState() {
            return !method.equals("GET");
        }

        public ApiRole requiredRole() {
            return changesState() ? ApiRole.TRADER : ApiRole.VIEWER;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Map<String, String> queries = new LinkedHashMap<>();
    private final List<String> excludedPrefixes = new ArrayList<>();

    /** Sends {@code query} (e.g. {@code speed=-1}) with {@code operation} ({@code "POST /api/monitor/feed/start"}). */
    public ApiSecurityCheck withQuery(String operation, String query) {
        queries.put(operation, query);
        return this;
    }

    /**
     * Leaves out the operations whose path starts with {@code pathPrefix} (e.g. {@code /v2/}): an API with its own
     * authentication, which the service's tests check separately.
     */
    public ApiSecurityCheck excludingPathsUnder(String pathPrefix) {
        excludedPrefixes.add(pathPrefix);
        return this;
    }

    /** The operations of the service's OpenAPI document. */
    public static List<Operation> operations() {
        JsonObject document = new JsonObject(RestAssured.given().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
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
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, operation.containsKey("requestBody"),
                        parameters));
            }
        }
        return operations;
    }

    /** The security schemes the document declares ({@code components.securitySchemes}). */
    public static JsonObject securitySchemes() {
        JsonObject document = new JsonObject(RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        return document.getJsonObject("components", new JsonObject()).getJsonObject("securitySchemes", new JsonObject());
    }

    /**
     * Runs every check and returns what broke it, one line each (empty when all is well); the operations checked
     * are {@link #operations()}.
     */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (String path : PUBLIC_PATHS) {
            int status = RestAssured.given().redirects().follow(true).get(path).statusCode();
            if (status != 200) {
                failures.add("GET " + path + " without a token answered " + status + ", expected 200 (it must stay open)");
            }
        }
        JsonObject schemes = securitySchemes();
        boolean bearer = schemes.fieldNames().stream().map(schemes::getJsonObject)
                .anyMatch(scheme -> "http".equals(scheme.getString("type")) && "bearer".equalsIgnoreCase(scheme.getString("scheme")));
        if (!bearer) {
            failures.add("the OpenAPI document declares no HTTP bearer security scheme");
        }
        List<Operation> operations = operations().stream()
                .filter(operation -> excludedPrefixes.stream().noneMatch(operation.path()::startsWith)).toList();
        if (operations.isEmpty()) {
            failures.add("the OpenAPI document lists no operation");
        }
        for (Operation operation : operations) {
            expect(failures, operation, "without a token", request(operation, RestAssured.given()), Set.of(401), true);
            expect(failures, operation, "with a token signed by an unknown key",
                    request(operation, RestAssured.given().auth().oauth2(TestTokens.signedByAStranger())), Set.of(401), true);
            if (operation.changesState()) {
                expect(failures, operation, "with a viewer token", request(operation, ApiRequests.asViewer()), Set.of(403), true);
            }
            expect(failures, operation, "with a " + operation.requiredRole().group() + " token",
                    request(operation, ApiRequests.as(operation.requiredRole())), Set.of(401, 403), false);
        }
        return failures;
    }

    private static void expect(List<String> failures, Operation operation, String how, Response response, Set<Integer> statuses,
            boolean oneOf) {
        int status = response.statusCode();
        if (oneOf != statuses.contains(status)) {
            failures.add(operation + " " + how + " answered " + status + (oneOf ? ", expected " + statuses : ", expected neither of "
                    + statuses));
        }
        if (status >= 500) {
            failures.add(operation + " " + how + " answered " + status + ": " + response.asString());
        }
        if (status == 401 || status == 403) {
            String type = response.contentType();
            if (type == null || !type.startsWith("application/problem+json")) {
                failures.add(operation + " " + how + " answered " + status + " as '" + type + "', expected application/problem+json");
            }
        }
    }

    private Response request(Operation operation, RequestSpecification specification) {
        String path = operation.path();
        for (JsonObject parameter : operation.parameters()) {
            if ("path".equals(parameter.getString("in"))) {
                JsonObject schema = parameter.getJsonObject("schema", new JsonObject());
                String type = schema.getString("type", "string");
                String value = type.equals("integer") || type.equals("number") ? "0" : "auth-probe";
                path = path.replace("{" + parameter.getString("name") + "}", value);
            }
        }
        String query = queries.get(operation.toString());
        if (query != null) {
            path = path + "?" + query;
        }
        RequestSpecification request = specification.redirects().follow(false);
        if (operation.hasBody()) {
            request = request.contentType(ContentType.JSON).body("{\"auth-probe\": ");
        }
        return request.request(operation.method(), path);
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
}
