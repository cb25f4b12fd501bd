package dev.papertrader.localstack.up;

import dev.papertrader.localstack.alpaca.AlpacaKeyClient;
import dev.papertrader.localstack.alpaca.AlpacaKeyException;
import dev.papertrader.localstack.security.ApiRole;
import dev.papertrader.localstack.security.ApiTokens;
import dev.papertrader.localstack.security.JwtKeys;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./papertrader keys create|list|revoke}: Alpaca API keys of the running stack, through the router's key
 * endpoint ({@link AlpacaKeyClient}) with a short-lived trader token signed by the data directory's key, like
 * {@code ./papertrader token}. {@code create} prints {@code APCA_API_KEY_ID}, {@code APCA_API_SECRET_KEY} and
 * {@code APCA_API_BASE_URL} lines (for {@code export $(...)} or a {@code .env} file), the only time the secret is shown.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Alpaca API keys for the running stack (docs/alpaca.md): create prints APCA_API_* lines, e.g."
                + " export $(./papertrader keys create)",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public class KeysCommand {

    /** How long the token signed for one call lives: long enough for the call, short enough to be worthless later. */
    static final Duration CALL_TOKEN_TTL = Duration.ofMinutes(5);

    /** Where the stack is and which key signs the token; shared by the subcommands. */
    static class StackOptions {

        @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:" + LocalStack.DEFAULT_GATEWAY_PORT,
                description = "The gateway of ./papertrader up, also the Alpaca base URL printed (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "The data directory of ./papertrader up; its keys/ sign the token (default: .papertrader in the repository).")
        Path dataDirectory;

        @Option(names = "--keys-dir", paramLabel = "DIR",
                description = "Sign with DIR/jwt-private.pem instead (e.g. k8s/overlays/dev/jwt for a dev cluster).")
        Path keysDirectory;

        @Option(names = "--repo", paramLabel = "DIR", description = "The papertrader checkout (default: found from the working directory).")
        Path repositoryRoot;

        /**
         * A client of the stack, or an exception naming the missing key file: unlike {@code token}, no key pair is made
         * up here, since a stack that does not know it would refuse it anyway.
         */
        AlpacaKeyClient client() {
            JwtKeys keys;
            if (keysDirectory != null) {
                keys = JwtKeys.in(keysDirectory);
            } else {
                Path root = repositoryRoot != null ? repositoryRoot.toAbsolutePath().normalize() : RepositoryLayout.locateRoot();
                Path data = dataDirectory != null ? dataDirectory : root.resolve(".papertrader");
                keys = JwtKeys.in(LocalStack.keysDirectory(data));
            }
            if (!Files.isRegularFile(keys.privateKeyFile())) {
                throw new AlpacaKeyException("no " + keys.privateKeyFile() + ": ./papertrader up creates it in its data"
                        + " directory; pass --data-dir with the one the running stack uses");
            }
            URI base;
            try {
                base = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new AlpacaKeyException("--url " + url + " is not a URL");
            }
            if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
                throw new AlpacaKeyException("--url must be an http(s) URL such as http://localhost:8080, not " + url);
            }
            return new AlpacaKeyClient(base, () -> ApiTokens.sign(keys.privateKey(), ApiRole.TRADER, CALL_TOKEN_TTL));
        }
    }

    /** Runs {@code action}, turning a failure into a message on stderr and exit code 1. */
    static int run(CommandSpec spec, String command, Callable<Integer> action) {
        try {
            return action.call();
        } catch (AlpacaKeyException e) {
            spec.commandLine().getErr().println("papertrader keys " + command + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        } catch (Exception e) {
            spec.commandLine().getErr().println("papertrader keys " + command + ": " + e);
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a key pair for an account and prints APCA_API_KEY_ID, APCA_API_SECRET_KEY and"
                    + " APCA_API_BASE_URL (the secret is shown only now).")
    static class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stack;

        @Option(names = "--account", paramLabel = "ID", defaultValue = "default",
                description = "The paper account the key trades (default: ${DEFAULT-VALUE}).")
        String account;

        @Override
        public Integer call() {
            return run(spec, "create", () -> {
                AlpacaKeyClient client = stack.client();
                AlpacaKeyClient.CreatedKey key = client.create(account);
                PrintWriter out = spec.commandLine().getOut();
                out.println("APCA_API_KEY_ID=" + key.keyId());
                out.println("APCA_API_SECRET_KEY=" + key.secretKey());
                out.println("APCA_API_BASE_URL=" + client.baseUrl());
                out.flush();
                spec.commandLine().getErr().println("papertrader keys create: key " + key.keyId() + " trades account "
                        + key.accountId() + "; keep the secret now, it is not shown again");
                spec.commandLine().getErr().flush();
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the keys (without their secrets).")
    static class ListKeys implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stack;

        @Override
        public Integer call() {
            return run(spec, "list", () -> {
                List<AlpacaKeyClient.KeyInfo> keys = stack.client().list();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-22s %-20s %s%n", "KEY ID", "ACCOUNT", "CREATED");
                for (AlpacaKeyClient.KeyInfo key : keys) {
                    out.printf("%-22s %-20s %s%n", key.keyId(), key.accountId(), key.createdAt() == null ? "" : key.createdAt());
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a key: requests with it are refused from now on.")
    static class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        StackOptions stack;

        @Parameters(index = "0", paramLabel = "KEY_ID", description = "The key to revoke (APCA_API_KEY_ID).")
        String keyId;

        @Override
        public Integer call() {
            return run(spec, "revoke", () -> {
                stack.client().revoke(keyId);
                spec.commandLine().getOut().println("revoked " + keyId);
                spec.commandLine().getOut().flush();
                return 0;
            });
        }
    }
}
