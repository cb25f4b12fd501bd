package dev.papertrader.monitor.feed.binance;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads klines from Binance's REST API and turns its rate-limit answers into {@link RateLimitedException}s.
 *
 * <p>Binance answers 429 when a client exceeds a rate limit and 418 when the IP is banned for having gone on after
 * 429s; both carry {@code Retry-After} (seconds), which the caller must wait out. Any other non-2xx is an
 * {@link IllegalStateException} with the status.
 */
public final class BinanceRestClient {

    /** Binance's largest {@code limit} of one klines request. */
    public static final int MAX_LIMIT = 1000;

    /** A 429 or 418 answer: wait {@code retryAfter} before the next request. */
    public static final class RateLimitedException extends RuntimeException {
        private final int status;
        private final Duration retryAfter;

        public RateLimitedException(int status, Duration retryAfter) {
            super("Binance answered HTTP " + status + (status == 418 ? " (IP banned)" : " (rate limited)")
                    + ", retry after " + retryAfter.toSeconds() + " s");
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private final BinanceRestApi api;
    private final Duration defaultRetryAfter;

    /** @param defaultRetryAfter the wait when a 429/418 has no readable Retry-After */
    public BinanceRestClient(String baseUrl, Duration defaultRetryAfter) {
        this.api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                .connectTimeout(10, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).build(BinanceRestApi.class);
        this.defaultRetryAfter = defaultRetryAfter;
    }

    /**
     * Klines of {@code symbol} opening in [{@code from}, {@code to}], oldest first, at most {@code limit} (1..1000).
     * Every row is marked closed: ask only for klines that are over.
     */
    public Uni<List<BinanceKline>> klines(String symbol, String interval, Instant from, Instant to, int limit) {
        int capped = Math.max(1, Math.min(MAX_LIMIT, limit));
        return api.klines(symbol, interval, from.toEpochMilli(), to.toEpochMilli(), capped)
                .onFailure(WebApplicationException.class)
                .recoverWithItem(failure -> ((WebApplicationException) failure).getResponse())
                .map(response -> {
                    int status = response.getStatus();
                    if (status == 429 || status == 418) {
                        throw new RateLimitedException(status, retryAfter(response.getHeaderString("Retry-After"))
                                .orElse(defaultRetryAfter));
                    }
                    if (status / 100 != 2) {
                        throw new IllegalStateException("Binance klines of " + symbol + " answered HTTP " + status);
                    }
                    return BinanceMessages.parseKlines(response.readEntity(String.class), symbol, interval);
                });
    }

    /** A Retry-After value in seconds (Binance sends seconds); empty when absent or not a number. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
