package dev.papertrader.localstack.security;

import io.smallrye.jwt.build.Jwt;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs papertrader API tokens: RS256 JWTs with {@code iss} = {@value ApiRole#ISSUER}, {@code sub} and {@code upn} =
 * {@code local-<role>}, the role's {@link ApiRole#groups() groups}, {@code iat} = now and {@code exp} = now + ttl.
 * (The wall clock here only bounds a token's life; nothing about trading depends on it.)
 */
public final class ApiTokens {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");

    private ApiTokens() {
    }

    /** A token of {@code role} valid from {@code issuedAt} for {@code ttl}, signed with {@code key}. */
    public static String sign(PrivateKey key, ApiRole role, Duration ttl, Instant issuedAt) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's time to live must be positive, not " + ttl);
        }
        return Jwt.issuer(ApiRole.ISSUER)
                .subject("local-" + role.group())
                .upn("local-" + role.group())
                .groups(new HashSet<>(role.groups()))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(ttl))
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key);
    }

    /** A token of {@code role} valid from now for {@code ttl}. */
    public static String sign(PrivateKey key, ApiRole role, Duration ttl) {
        return sign(key, role, ttl, Instant.now());
    }

    /**
     * Reads a time to live: {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code PT12H}).
     *
     * @throws IllegalArgumentException for anything else, or a zero duration
     */
    public static Duration parseTtl(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(trimmed);
        Duration ttl;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            ttl = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                ttl = Duration.parse(text.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 30m, 12h, 7d or PT12H");
            }
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the time to live must be positive, not '" + text + "'");
        }
        return ttl;
    }
}
