package dev.papertrader.localstack.alpaca;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The router's Alpaca key endpoints through the gateway of {@code ./papertrader up}:
 * {@code POST /api/router/alpaca/keys} (trader), {@code GET /api/router/alpaca/keys} (viewer) and
 * {@code DELETE /api/router/alpaca/keys/{keyId}} (trader), each with a bearer token. Every failure becomes an
 * {@link AlpacaKeyException} whose message says what to do (start the stack, use its data directory...).
 */
public final class AlpacaKeyClient {

    /** The key endpoint below the gateway's root. */
    public static final String KEYS_PATH = "/api/router/alpaca/keys";

    /** What JAX-RS and the problem+json mapper say for a path nothing serves. */
    private static final Set<String> GENERIC_NOT_FOUND = Set.of("", "Not Found", "HTTP 404 Not Found");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final Supplier<String> bearerToken;
    private final HttpClient http;

    /**
     * @param baseUrl     the gateway's root, e.g. {@code http://localhost:8080} (a trailing slash is ignored)
     * @param bearerToken signs a token for each call (a trader token: it also reads)
     */
    public AlpacaKeyClient(URI baseUrl, Supplier<String> bearerToken) {
        this.baseUrl = withoutTrailingSlash(baseUrl);
        this.bearerToken = bearerToken;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** A new key pair of {@code accountId}; its secret is in this answer only. */
    public CreatedKey create(String accountId) {
        HttpResponse<String> response = send(request(KEYS_PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("accountId", accountId).encode())));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw failure("creating a key for account '" + accountId + "'", response);
        }
        JsonObject body = json(response);
        String keyId = body.getString("keyId");
        String secretKey = body.getString("secretKey");
        if (keyId == null || secretKey == null) {
            throw new AlpacaKeyException("the router's answer has no keyId or secretKey: " + response.body());
        }
        return new CreatedKey(keyId, secretKey, body.getString("accountId", accountId), body.getString("createdAt"));
    }

    /** The keys issued, without their secrets. */
    public List<KeyInfo> list() {
        HttpResponse<String> response = send(request(KEYS_PATH).GET());
        if (response.statusCode() != 200) {
            throw failure("listing the keys", response);
        }
        JsonArray array;
        try {
            String text = response.body().strip();
            // a bare array, or an object holding it under "items" like the other list endpoints
            array = text.startsWith("[") ? new JsonArray(text) : new JsonObject(text).getJsonArray("items", new JsonArray());
        } catch (DecodeException e) {
            throw new AlpacaKeyException("the router's answer is not JSON: " + response.body());
        }
        List<KeyInfo> keys = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject key = array.getJsonObject(i);
            keys.add(new KeyInfo(key.getString("keyId"), key.getString("accountId"), key.getString("createdAt")));
        }
        return List.copyOf(keys);
    }

    /** Revokes {@code keyId}: requests with it are refused from now on. */
    public void revoke(String keyId) {
        HttpResponse<String> response = send(request(KEYS_PATH + "/" + URLEncoder.encode(keyId, StandardCharsets.UTF_8)).DELETE());
        if (response.statusCode() == 404 && !isUnknownPath(response)) {
            throw new AlpacaKeyException("no key " + keyId + " (./papertrader keys list shows the keys)");
        }
        if (response.statusCode() != 204 && response.statusCode() != 200) {
            throw failure("revoking key " + keyId, response);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(baseUrl.getPath() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearerToken.get());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new AlpacaKeyException("nothing answers at " + baseUrl + ": is the stack running? Start it with"
                    + " ./papertrader up (or pass --url with the gateway of the running one)");
        } catch (HttpTimeoutException e) {
            throw new AlpacaKeyException(baseUrl + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new AlpacaKeyException("cannot reach " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlpacaKeyException("interrupted");
        }
    }

    /** What went wrong, in words that say what to do about it, with the router's own message when it gave one. */
    private AlpacaKeyException failure(String action, HttpResponse<String> response) {
        int status = response.statusCode();
        String hint = switch (status) {
            case 401 -> "the stack refused the token: pass --data-dir with the data directory ./papertrader up runs with";
            case 403 -> "the token's role may not do this (a trader token is needed)";
            case 502, 503 -> "the gateway answers but signal-router-service is not running (yet): wait until"
                    + " ./papertrader up reports it ready";
            case 404 -> isUnknownPath(response) ? "the router has no Alpaca key endpoint: rebuild it (./papertrader build)" : null;
            default -> null;
        };
        String detail = messageOf(response);
        StringBuilder message = new StringBuilder(action).append(" failed: HTTP ").append(status);
        if (hint != null) {
            message.append(": ").append(hint);
        }
        if (!detail.isBlank()) {
            message.append(hint == null ? ": " + detail : " (" + detail + ")");
        }
        return new AlpacaKeyException(message.toString());
    }

    /** The {@code message} of an error body, or the body itself, shortened. */
    private static String messageOf(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        try {
            JsonObject json = new JsonObject(body);
            for (String field : List.of("message", "error", "details", "title")) {
                if (json.getValue(field) instanceof String text && !text.isBlank()) {
                    return text;
                }
            }
        } catch (DecodeException | ClassCastException e) {
            // not a JSON object: the text itself
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    /**
     * Whether a 404 means the path is unknown (a router without the key endpoint) rather than an unknown key: the body
     * is not JSON, or a problem+json whose detail is only the generic "HTTP 404 Not Found" (what JAX-RS says for an
     * unmatched path); the key store's own 404 names what it did not find.
     */
    private static boolean isUnknownPath(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        try {
            JsonObject json = new JsonObject(body);
            String detail = json.getValue("message") instanceof String message ? message
                    : json.getValue("detail") instanceof String text ? text : "";
            return !json.containsKey("code") && GENERIC_NOT_FOUND.contains(detail.strip());
        } catch (DecodeException | ClassCastException e) {
            return true;
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        try {
            return new JsonObject(response.body());
        } catch (DecodeException e) {
            throw new AlpacaKeyException("the router's answer is not a JSON object: " + response.body());
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** The gateway's root this client talks to, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * A key pair as created.
     *
     * @param keyId     what SDKs send as {@code APCA-API-KEY-ID}
     * @param secretKey what SDKs send as {@code APCA-API-SECRET-KEY}; the router keeps only its hash
     * @param accountId the paper account the key trades
     * @param createdAt when the router created it (ISO-8601), or null if it did not say
     */
    public record CreatedKey(String keyId, String secretKey, String accountId, String createdAt) {
    }

    /**
     * A key as listed (no secret).
     *
     * @param keyId     the key's id
     * @param accountId the paper account it trades
     * @param createdAt when it was created (ISO-8601)
     */
    public record KeyInfo(String keyId, String accountId, String createdAt) {
    }
}
