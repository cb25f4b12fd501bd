package dev.papertrader.service.rest;

/**
 * The two roles of the REST API, as they appear in a token's {@code groups} claim. Every resource is
 * {@code @RolesAllowed(VIEWER)} at class level and every operation that changes state is {@code @RolesAllowed(TRADER)};
 * a trader's token carries both groups. Health, metrics and the OpenAPI document are outside JAX-RS and stay open.
 */
public final class ApiRoles {

    /** Reads: queries, status, the alerts stream. */
    public static final String VIEWER = "viewer";
    /** Changes: orders, cancels, watchlist, feed, risk, kill switch, accounts. */
    public static final String TRADER = "trader";

    private ApiRoles() {
    }
}
