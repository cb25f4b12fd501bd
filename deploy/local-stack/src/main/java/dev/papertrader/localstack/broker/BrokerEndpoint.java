package dev.papertrader.localstack.broker;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where the AMQP 1.0 broker listens and, when it checks them, the credentials to use.
 *
 * @param host     host name or address
 * @param port     AMQP port
 * @param username user name, empty when the broker does not authenticate
 * @param password password, empty when the broker does not authenticate
 */
public record BrokerEndpoint(String host, int port, String username, String password) {

    /** The IANA port of AMQP, used when a URL names none. */
    public static final int DEFAULT_AMQP_PORT = 5672;

    public BrokerEndpoint {
        Objects.requireNonNull(host, "host");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** An endpoint that needs no credentials. */
    public static BrokerEndpoint anonymous(String host, int port) {
        return new BrokerEndpoint(host, port, "", "");
    }

    /** Reads {@code amqp://[user[:password]@]host[:port]} (port 5672 when absent; user info may be %-encoded). */
    public static BrokerEndpoint parse(String amqpUrl) {
        URI uri;
        try {
            uri = URI.create(amqpUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an AMQP URL: " + amqpUrl, e);
        }
        if (!"amqp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected a URL like amqp://localhost:5672 or amqp://user:password@host:5672, got: "
                    + amqpUrl);
        }
        String username = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = percentDecode(parts[0]);
            password = parts.length > 1 ? percentDecode(parts[1]) : "";
        }
        return new BrokerEndpoint(uri.getHost(), uri.getPort() == -1 ? DEFAULT_AMQP_PORT : uri.getPort(), username, password);
    }

    private static String percentDecode(String raw) {
        // URLDecoder is for forms: keep '+' a plus sign
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public boolean hasCredentials() {
        return !username.isEmpty();
    }

    /** {@code amqp://host:port}, without credentials (safe to print). */
    public String url() {
        return "amqp://" + host + ":" + port;
    }
}
