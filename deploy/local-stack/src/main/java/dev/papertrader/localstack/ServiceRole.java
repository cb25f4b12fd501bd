package dev.papertrader.localstack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four live services and what each owns in PostgreSQL: one schema, owned by one login role.
 * A role can use only its own schema (see {@code papertrader/bootstrap.sql}); its {@code search_path} is that schema.
 *
 * <p>The local password is for the embedded, loopback-only stack and tests; deployed stacks take passwords
 * from secrets.
 */
public enum ServiceRole {
    MONITOR("monitor", "monitor", "monitor_svc"),
    ROUTER("router", "router", "router_svc"),
    ORDERS("orders", "orders", "orders_svc"),
    PORTFOLIO("portfolio", "portfolio", "portfolio_svc");

    private final String serviceName;
    private final String schema;
    private final String role;

    ServiceRole(String serviceName, String schema, String role) {
        this.serviceName = serviceName;
        this.schema = schema;
        this.role = role;
    }

    /** Short name used on command lines and in test resource init args: monitor, router, orders, portfolio. */
    public String serviceName() {
        return serviceName;
    }

    /** The PostgreSQL schema the service owns. */
    public String schema() {
        return schema;
    }

    /** The PostgreSQL login role the service connects as. */
    public String role() {
        return role;
    }

    /** Name of the bootstrap script variable holding this role's password, e.g. {@code monitor_svc_password}. */
    public String passwordVariable() {
        return role + "_password";
    }

    /** The fixed password of this role on the embedded local stack and in tests, e.g. {@code monitor_svc-local}. */
    public String localPassword() {
        return role + "-local";
    }

    /** Finds a role by its service name (case-insensitive); the error lists the valid names. */
    public static ServiceRole ofServiceName(String serviceName) {
        String wanted = serviceName.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(candidate -> candidate.serviceName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + serviceName + "'; expected one of "
                        + Arrays.stream(values()).map(ServiceRole::serviceName).collect(Collectors.joining(", "))));
    }
}
