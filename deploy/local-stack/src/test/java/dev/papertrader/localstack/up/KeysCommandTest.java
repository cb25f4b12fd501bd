package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.papertrader.localstack.security.JwtKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./papertrader keys}, run through picocli as the command-mode application does, against a small HTTP server
 * standing in for the gateway and the router's key endpoint.
 */
class KeysCommandTest {

    /** One request as the stand-in router saw it. */
    record Seen(String method, String path, String authorization, String body) {
    }

    @TempDir
    Path dataDirectory;

    private HttpServer router;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** The status and body the stand-in answers with next, per method. */
    private volatile int status = 201;
    private volatile String answer = "";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startRouter() throws IOException {
        JwtKeys.ensureIn(LocalStack.keysDirectory(dataDirectory));
        router = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        router.createContext("/", this::handle);
        router.start();
    }

    @AfterEach
    void stopRouter() {
        router.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + router.getAddress().getPort();
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new KeysCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** The claims of a bearer header, verified with the data directory's public key (what the services trust). */
    private JwtClaims verifiedClaims(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer ");
        return new JwtConsumerBuilder().setVerificationKey(JwtKeys.in(LocalStack.keysDirectory(dataDirectory)).publicKey())
                .setExpectedIssuer("papertrader").build().processToClaims(authorization.substring("Bearer ".length()));
    }

    @Test
    void createPostsTheAccountWithATraderTokenAndPrintsExportableLines() throws Exception {
        answer = "{\"keyId\":\"PKABCDEFGHIJ0123456789\",\"secretKey\":\"s3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr\","
                + "\"accountId\":\"swing\",\"createdAt\":\"2026-01-05T10:00:00Z\"}";

        assertThat(run("create", "--account", "swing", "--data-dir", dataDirectory.toString(), "--url", url() + "/")).isZero();

        assertThat(out.toString()).isEqualTo("APCA_API_KEY_ID=PKABCDEFGHIJ0123456789" + System.lineSeparator()
                + "APCA_API_SECRET_KEY=s3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr" + System.lineSeparator()
                + "APCA_API_BASE_URL=" + url() + System.lineSeparator());
        assertThat(err.toString()).contains("key PKABCDEFGHIJ0123456789 trades account swing").contains("not shown again");
        assertThat(seen).hasSize(1);
        Seen request = seen.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/router/alpaca/keys");
        assertThat(new io.vertx.core.json.JsonObject(request.body()).getString("accountId")).isEqualTo("swing");
        JwtClaims claims = verifiedClaims(request.authorization());
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("trader", "viewer");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300);
    }

    @Test
    void createUsesTheDefaultAccount() {
        answer = "{\"keyId\":\"PK1\",\"secretKey\":\"s\",\"accountId\":\"default\"}";
        assertThat(run("create", "--data-dir", dataDirectory.toString(), "--url", url())).isZero();
        assertThat(seen.get(0).body()).isEqualTo("{\"accountId\":\"default\"}");
    }

    @Test
    void listPrintsOneLinePerKeyWithoutSecrets() throws Exception {
        status = 200;
        answer = "[{\"keyId\":\"PKAAAAAAAAAAAAAAAAAA\",\"accountId\":\"default\",\"createdAt\":\"2026-01-05T10:00:00Z\"},"
                + "{\"keyId\":\"PKBBBBBBBBBBBBBBBBBB\",\"accountId\":\"swing\",\"createdAt\":\"2026-01-06T11:00:00Z\"}]";

        assertThat(run("list", "--data-dir", dataDirectory.toString(), "--url", url())).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("KEY ID").contains("ACCOUNT").contains("CREATED");
        assertThat(lines.get(1).split("\\s+")).containsExactly("PKAAAAAAAAAAAAAAAAAA", "default", "2026-01-05T10:00:00Z");
        assertThat(lines.get(2).split("\\s+")).containsExactly("PKBBBBBBBBBBBBBBBBBB", "swing", "2026-01-06T11:00:00Z");
        assertThat(seen.get(0).method()).isEqualTo("GET");
        assertThat(seen.get(0).path()).isEqualTo("/api/router/alpaca/keys");
        verifiedClaims(seen.get(0).authorization());
    }

    @Test
    void revokeDeletesTheKey() {
        status = 204;
        assertThat(run("revoke", "PKAAAAAAAAAAAAAAAAAA", "--data-dir", dataDirectory.toString(), "--url", url())).isZero();
        assertThat(out.toString().strip()).isEqualTo("revoked PKAAAAAAAAAAAAAAAAAA");
        assertThat(seen.get(0).method()).isEqualTo("DELETE");
        assertThat(seen.get(0).path()).isEqualTo("/api/router/alpaca/keys/PKAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void revokingAnUnknownKeySaysSo() {
        status = 404;
        answer = "{\"code\":40410000,\"message\":\"key not found\"}";
        assertThat(run("revoke", "PKNOPE", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("no key PKNOPE");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aStackThatIsNotRunningIsNamedWithWhatToDo() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        assertThat(run("create", "--data-dir", dataDirectory.toString(), "--url", "http://127.0.0.1:" + freePort)).isEqualTo(1);
        assertThat(err.toString()).contains("nothing answers at http://127.0.0.1:" + freePort)
                .contains("./papertrader up");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aRouterThatIsNotUpBehindTheGatewayIsNamed() {
        status = 502;
        answer = "no running service for /api/router/alpaca/keys";
        assertThat(run("create", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 502").contains("signal-router-service is not running");
    }

    @Test
    void aRefusedTokenPointsAtTheDataDirectory() {
        status = 401;
        answer = "";
        assertThat(run("list", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 401").contains("--data-dir");
    }

    @Test
    void theRoutersMessageIsShownForARefusedAccount() {
        status = 422;
        answer = "{\"code\":40010001,\"message\":\"account 'nope' does not exist\"}";
        assertThat(run("create", "--account", "nope", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("creating a key for account 'nope' failed: HTTP 422: account 'nope' does not exist");
    }

    @Test
    void aMissingEndpointBehindTheGatewayAsksForARebuild() {
        status = 404;
        answer = "<html>Resource not found</html>";
        assertThat(run("create", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 404").contains("no Alpaca key endpoint");
    }

    @Test
    void aRouterWithoutTheEndpointIsToldFromAnUnknownAccountOrKey() {
        status = 404;
        // what a papertrader service says for a path it does not serve
        answer = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"HTTP 404 Not Found\","
                + "\"instance\":\"/api/router/alpaca/keys\"}";
        assertThat(run("create", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("no Alpaca key endpoint");
        assertThat(run("revoke", "PKX", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("revoking key PKX failed: HTTP 404: the router has no Alpaca key endpoint");

        err.getBuffer().setLength(0);
        answer = "{\"code\":40410000,\"message\":\"account nope not found\"}";
        assertThat(run("create", "--account", "nope", "--data-dir", dataDirectory.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("HTTP 404: account nope not found").doesNotContain("endpoint");
    }

    @Test
    void aDataDirectoryWithoutKeysIsRefusedBeforeAnyCall(@TempDir Path empty) {
        assertThat(run("create", "--data-dir", empty.toString(), "--url", url())).isEqualTo(1);
        assertThat(err.toString()).contains("no ").contains("jwt-private.pem").contains("--data-dir");
        assertThat(seen).isEmpty();
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        assertThat(run("list", "--data-dir", dataDirectory.toString(), "--url", "localhost:8080")).isEqualTo(1);
        assertThat(err.toString()).contains("--url must be an http(s) URL");
        assertThat(seen).isEmpty();
    }
}
