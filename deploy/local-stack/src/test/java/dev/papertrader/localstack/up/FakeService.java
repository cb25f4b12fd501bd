package dev.papertrader.localstack.up;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for a Quarkus service, run as a child process by the supervision tests: it uses the configuration
 * it is given the way a service would (logs in to its schema, connects to the broker), serves
 * {@code /q/health/ready} on {@code QUARKUS_HTTP_PORT}, and says on standard output what it does.
 *
 * <p>Modes (first argument): {@code healthy}; {@code never-ready} (answers 503); {@code crash} (exits with code 3
 * at once); {@code ignore-sigterm} (ready, but its shutdown never ends, so it must be killed).
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "healthy";
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        say("fake service: mode " + mode + ", port " + port);
        say("fake service: token key " + System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        if (mode.equals("crash")) {
            say("boom: cannot start");
            System.exit(3);
        }
        try (Connection connection = DriverManager.getConnection(env("QUARKUS_DATASOURCE_JDBC_URL"),
                env("QUARKUS_DATASOURCE_USERNAME"), env("QUARKUS_DATASOURCE_PASSWORD"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS fake_service_probe (id int)");
            try (ResultSet result = statement.executeQuery("SELECT current_user, current_schema()")) {
                result.next();
                say("fake service: database user " + result.getString(1) + ", schema " + result.getString(2));
            }
        }
        try (Socket broker = new Socket(env("AMQP_HOST"), Integer.parseInt(env("AMQP_PORT")))) {
            say("fake service: broker reachable at " + env("AMQP_HOST") + ":" + env("AMQP_PORT"));
        }
        say("fake service: reactive url " + env("QUARKUS_DATASOURCE_REACTIVE_URL") + ", flyway schemas "
                + env("QUARKUS_FLYWAY_SCHEMAS") + ", migrate at start " + env("QUARKUS_FLYWAY_MIGRATE_AT_START"));

        System.getenv().entrySet().stream()
                .filter(variable -> variable.getKey().startsWith("PAPERTRADER_") || variable.getKey().equals("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT"))
                .map(variable -> "fake service: env " + variable.getKey() + "=" + variable.getValue())
                .sorted()
                .forEach(FakeService::say);

        int readiness = mode.equals("never-ready") ? 503 : 200;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = ("{\"status\":\"" + (readiness == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(readiness, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("fake service: SIGTERM received, stopping");
            if (mode.equals("ignore-sigterm")) {
                try {
                    forever.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            server.stop(0);
            say("fake service: stopped");
        }));
        say("fake service: listening, readiness " + readiness);
        forever.await();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
