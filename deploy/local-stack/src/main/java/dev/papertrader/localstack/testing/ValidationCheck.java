package dev.papertrader.localstack.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Bad input, endpoint by endpoint: each {@link Case} sent with a trader's token must answer 400
 * {@code application/problem+json} whose {@code violations} name the field at fault, and what the service stores
 * (read through {@code storedState}, e.g. its list endpoints) must be the same after all the cases as before.
 */
public final class ValidationCheck {

    /**
     * One bad request.
     *
     * @param method HTTP method
     * @param path   path and query
     * @param body   the JSON body, or null for none
     * @param field  the field the answer must name
     */
    public record Case(String method, String path, String body, String field) {

        public static Case get(String pathAndQuery, String field) {
            return new Case("GET", pathAndQuery, null, field);
        }

        public static Case post(String path, String body, String field) {
            return new Case("POST", path, body, field);
        }

        public static Case put(String path, String body, String field) {
            return new Case("PUT", path, body, field);
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    private ValidationCheck() {
    }

    /** What broke the rules, one line per problem; empty when every case answered as it must and nothing changed. */
    public static List<String> failures(List<Case> cases, Supplier<String> storedState) {
        List<String> failures = new ArrayList<>();
        String before = storedState.get();
        for (Case badRequest : cases) {
            RequestSpecification request = ApiRequests.asTrader();
            if (badRequest.body() != null) {
                request = request.contentType(ContentType.JSON).body(badRequest.body());
            }
            Response response = request.request(badRequest.method(), badRequest.path());
            String contentType = response.contentType();
            if (response.statusCode() != 400 || contentType == null || !contentType.startsWith("application/problem+json")) {
                failures.add(badRequest + " answered " + response.statusCode() + " " + contentType + " " + response.asString()
                        + ", expected 400 application/problem+json");
                continue;
            }
            List<String> fields = JsonPath.from(response.asString()).getList("violations.field", String.class);
            if (fields == null || !fields.contains(badRequest.field())) {
                failures.add(badRequest + " answered 400 naming " + fields + ", expected the field " + badRequest.field());
            }
        }
        String after = storedState.get();
        if (!before.equals(after)) {
            failures.add("the stored state changed:\nbefore " + before + "\nafter  " + after);
        }
        return failures;
    }
}
