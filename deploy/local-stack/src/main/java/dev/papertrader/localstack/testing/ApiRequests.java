package dev.papertrader.localstack.testing;

import dev.papertrader.localstack.security.ApiRole;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured requests with a role, for the services' {@code @QuarkusTest}s (the service verifies
 * {@link TestTokens} through {@link dev.papertrader.localstack.LocalInfraTestResource}).
 */
public final class ApiRequests {

    private ApiRequests() {
    }

    /** A request with a trader's bearer token: allowed everything. */
    public static RequestSpecification asTrader() {
        return as(ApiRole.TRADER);
    }

    /** A request with a viewer's bearer token: allowed reads. */
    public static RequestSpecification asViewer() {
        return as(ApiRole.VIEWER);
    }

    public static RequestSpecification as(ApiRole role) {
        return RestAssured.given().auth().oauth2(TestTokens.token(role));
    }

    /** A request without a token. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
