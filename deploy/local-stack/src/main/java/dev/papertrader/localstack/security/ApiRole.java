package dev.papertrader.localstack.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The roles of the papertrader REST API, carried in a token's {@code groups} claim. A viewer reads (every GET and the
 * alerts); a trader also changes state (every POST, PUT, DELETE). A trader token holds both groups, so an endpoint names
 * the one role it needs: {@code @RolesAllowed("viewer")} on reads, {@code @RolesAllowed("trader")} on writes.
 */
public enum ApiRole {
    VIEWER("viewer"),
    TRADER("trader", "viewer");

    /** Every papertrader token's {@code iss} claim; the services verify it ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "papertrader";

    private final String group;
    private final List<String> groups;

    ApiRole(String group, String... implied) {
        this.group = group;
        this.groups = Stream.concat(Stream.of(implied), Stream.of(group))
                .sorted().toList();
    }

    /** The role's own name, as in {@code @RolesAllowed}. */
    public String group() {
        return group;
    }

    /** What a token of this role carries in {@code groups}: viewer → [viewer], trader → [trader, viewer]. */
    public List<String> groups() {
        return groups;
    }

    /** {@code viewer} or {@code trader}, any case; the error lists the valid names. */
    public static ApiRole named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.group.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + name + "'; expected "
                        + Arrays.stream(values()).map(ApiRole::group).collect(Collectors.joining(" or "))));
    }
}
