package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.security.JwtKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./papertrader token}, run through picocli as the command-mode application does. */
class TokenCommandTest {

    @TempDir
    Path dataDirectory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new TokenCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void printsOnlyATokenSignedWithTheDataDirectorysKeyWhichUpUsesToo() throws Exception {
        assertThat(run("--role", "viewer", "--ttl", "30m", "--data-dir", dataDirectory.toString())).isZero();

        String token = out.toString().strip();
        assertThat(out.toString()).isEqualTo(token + System.lineSeparator());
        JwtKeys keys = JwtKeys.in(LocalStack.keysDirectory(dataDirectory));
        assertThat(Files.isRegularFile(keys.publicKeyFile())).isTrue();
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(keys.publicKey()).setExpectedIssuer("papertrader")
                .build().processToClaims(token);
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("viewer");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(1800);

        String publicKey = Files.readString(keys.publicKeyFile());
        assertThat(run("--role", "trader", "--data-dir", dataDirectory.toString())).isZero();
        assertThat(Files.readString(keys.publicKeyFile())).as("the key pair is kept").isEqualTo(publicKey);
    }

    @Test
    void anExplicitKeysDirectoryMustHoldThePrivateKey() {
        assertThat(run("--role", "trader", "--keys-dir", dataDirectory.resolve("none").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no ").contains("jwt-private.pem");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badRoleOrTimeToLiveIsAUsageError() {
        assertThat(run("--role", "admin", "--data-dir", dataDirectory.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown role 'admin'; expected viewer or trader");
        assertThat(run("--role", "viewer", "--ttl", "forever", "--data-dir", dataDirectory.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }
}
