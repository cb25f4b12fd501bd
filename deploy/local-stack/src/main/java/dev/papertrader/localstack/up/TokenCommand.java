package dev.papertrader.localstack.up;

import dev.papertrader.localstack.security.ApiRole;
import dev.papertrader.localstack.security.ApiTokens;
import dev.papertrader.localstack.security.JwtKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./papertrader token --role viewer|trader [--ttl 12h]}: prints a bearer token for the API of the local stack,
 * signed with the private key in {@code <data-dir>/keys} (created there if {@code up} has not run yet; {@code up}
 * gives the services the matching public key).
 */
@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints a bearer token for the REST API of ./papertrader up, e.g."
                + " curl -H \"Authorization: Bearer $(./papertrader token --role viewer)\" localhost:8080/api/monitor/signals")
public class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "viewer (reads) or trader (reads and changes)")
    String role;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "12h",
            description = "How long the token is valid: 30m, 12h, 7d or ISO-8601 such as PT12H (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The data directory of ./papertrader up; its keys/ sign the token (default: .papertrader in the repository).")
    Path dataDirectory;

    @Option(names = "--keys-dir", paramLabel = "DIR",
            description = "Sign with DIR/jwt-private.pem instead (e.g. k8s/overlays/dev/jwt for a dev cluster).")
    Path keysDirectory;

    @Option(names = "--repo", paramLabel = "DIR", description = "The papertrader checkout (default: found from the working directory).")
    Path repositoryRoot;

    @Override
    public Integer call() {
        ApiRole apiRole;
        Duration timeToLive;
        try {
            apiRole = ApiRole.named(role);
            timeToLive = ApiTokens.parseTtl(ttl);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("papertrader token: " + e.getMessage());
            return 2;
        }
        JwtKeys keys;
        if (keysDirectory != null) {
            keys = JwtKeys.in(keysDirectory);
            if (!java.nio.file.Files.isRegularFile(keys.privateKeyFile())) {
                spec.commandLine().getErr().println("papertrader token: no " + keys.privateKeyFile());
                return 2;
            }
        } else {
            Path root = repositoryRoot != null ? repositoryRoot.toAbsolutePath().normalize() : RepositoryLayout.locateRoot();
            Path data = dataDirectory != null ? dataDirectory : root.resolve(".papertrader");
            keys = JwtKeys.ensureIn(LocalStack.keysDirectory(data));
        }
        spec.commandLine().getOut().println(ApiTokens.sign(keys.privateKey(), apiRole, timeToLive));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
