package dev.papertrader.localstack.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

    @TempDir
    Path directory;

    @Test
    void aTokenVerifiesWithThePublicKeyAndCarriesIssuerRoleGroupsAndLifetime() throws Exception {
        JwtKeys keys = JwtKeys.ensureIn(directory.resolve("keys"));
        Instant issued = Instant.now();
        String token = ApiTokens.sign(keys.privateKey(), ApiRole.TRADER, Duration.ofHours(12), issued);

        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(keys.publicKey()).setExpectedIssuer("papertrader")
                .setRequireExpirationTime().build().processToClaims(token);
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("trader", "viewer");
        assertThat(claims.getSubject()).isEqualTo("local-trader");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(12 * 3600);
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(new org.jose4j.jws.JsonWebSignature() {{ setCompactSerialization(token); }}.getAlgorithmHeaderValue())
                .isEqualTo(AlgorithmIdentifiers.RSA_USING_SHA256);

        String viewer = ApiTokens.sign(keys.privateKey(), ApiRole.VIEWER, Duration.ofMinutes(5), issued);
        assertThat(new JwtConsumerBuilder().setVerificationKey(keys.publicKey()).build().processToClaims(viewer)
                .getStringListClaimValue("groups")).containsExactly("viewer");
    }

    @Test
    void anotherKeyPairDoesNotVerifyIt() {
        JwtKeys ours = JwtKeys.ensureIn(directory.resolve("ours"));
        JwtKeys theirs = JwtKeys.ensureIn(directory.resolve("theirs"));
        String token = ApiTokens.sign(theirs.privateKey(), ApiRole.TRADER, Duration.ofHours(1));
        assertThatThrownBy(() -> new JwtConsumerBuilder().setVerificationKey(ours.publicKey()).build().processToClaims(token))
                .isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void theKeyPairIsCreatedOnceAndKept() throws Exception {
        JwtKeys first = JwtKeys.ensureIn(directory);
        String privatePem = Files.readString(first.privateKeyFile());
        String publicPem = Files.readString(first.publicKeyFile());
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Files.getPosixFilePermissions(first.privateKeyFile())).hasSize(2);

        JwtKeys again = JwtKeys.ensureIn(directory);
        assertThat(Files.readString(again.privateKeyFile())).isEqualTo(privatePem);
        assertThat(Files.readString(again.publicKeyFile())).isEqualTo(publicPem);
    }

    @Test
    void timeToLiveForms() {
        assertThat(ApiTokens.parseTtl("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ApiTokens.parseTtl("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ApiTokens.parseTtl("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(ApiTokens.parseTtl("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ApiTokens.parseTtl("PT2H30M")).isEqualTo(Duration.ofMinutes(150));
        assertThatThrownBy(() -> ApiTokens.parseTtl("0h")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ApiTokens.parseTtl("soon")).hasMessageContaining("30m, 12h, 7d or PT12H");
    }

    @Test
    void rolesByName() {
        assertThat(ApiRole.named(" Trader ")).isEqualTo(ApiRole.TRADER);
        assertThat(ApiRole.VIEWER.groups()).containsExactly("viewer");
        assertThatThrownBy(() -> ApiRole.named("admin")).hasMessage("unknown role 'admin'; expected viewer or trader");
    }
}
