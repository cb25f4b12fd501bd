package dev.papertrader.localstack.testing;

import dev.papertrader.localstack.security.ApiRole;
import dev.papertrader.localstack.security.ApiTokens;
import dev.papertrader.localstack.security.JwtKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;

/**
 * Tokens for the services' tests, signed with the test key pair bundled here (a fixture, used by nothing but tests):
 * {@link dev.papertrader.localstack.LocalInfraTestResource} gives the service under test its public key, so
 *
 * <pre>{@code
 * given().auth().oauth2(TestTokens.trader()).post("/api/orders")...
 * given().header("Authorization", TestTokens.bearer(ApiRole.VIEWER)).get(...)...
 * }</pre>
 *
 * is accepted with that role. Tokens last an hour from the moment they are made.
 */
public final class TestTokens {

    /** Classpath location of the test public key: what the services under test verify with. */
    public static final String PUBLIC_KEY_RESOURCE = "dev/papertrader/localstack/testing/test-jwt-public.pem";
    /** Classpath location of the test private key. */
    public static final String PRIVATE_KEY_RESOURCE = "dev/papertrader/localstack/testing/test-jwt-private.pem";

    private static final Duration TTL = Duration.ofHours(1);
    private static final PrivateKey KEY = JwtKeys.readPrivateKey(resource(PRIVATE_KEY_RESOURCE));

    private TestTokens() {
    }

    /** A viewer's token (groups [viewer]). */
    public static String viewer() {
        return token(ApiRole.VIEWER);
    }

    /** A trader's token (groups [trader, viewer]). */
    public static String trader() {
        return token(ApiRole.TRADER);
    }

    public static String token(ApiRole role) {
        return ApiTokens.sign(KEY, role, TTL);
    }

    /** {@code Bearer <token>}, the value of an {@code Authorization} header. */
    public static String bearer(ApiRole role) {
        return "Bearer " + token(role);
    }

    /** A well-formed trader token signed with a key the services do not trust: must be refused like no token. */
    public static String signedByAStranger() {
        return ApiTokens.sign(StrangerKey.KEY, ApiRole.TRADER, TTL);
    }

    /** The test public key, PEM. */
    public static String publicKeyPem() {
        return resource(PUBLIC_KEY_RESOURCE);
    }

    private static String resource(String name) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Made on first use only: a fresh random key, which no service trusts. */
    private static final class StrangerKey {
        static final PrivateKey KEY = generate();

        private static PrivateKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair().getPrivate();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
