package dev.papertrader.monitor.feed.binance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The Binance feed ({@code papertrader.monitor.feed.type=binance}) and the Binance backfill source
 * ({@code papertrader.monitor.binance.*}). Public market data only: no API key.
 */
@ConfigMapping(prefix = "papertrader.monitor.binance")
public interface BinanceConfig {

    /**
     * REST base URL. Default: Binance's market-data-only endpoint {@code https://data-api.binance.vision} (same
     * {@code /api/v3/klines} as {@code https://api.binance.com}, public data only).
     */
    @WithDefault("https://data-api.binance.vision")
    String restUrl();

    /**
     * WebSocket base URL; the feed connects to {@code <ws-url>/ws} and SUBSCRIBEs its kline streams. Default: the
     * market-data-only stream endpoint {@code wss://data-stream.binance.vision} (same streams as
     * {@code wss://stream.binance.com:9443}).
     */
    @WithDefault("wss://data-stream.binance.vision")
    String wsUrl();

    /** Symbols always watched (Binance names, e.g. {@code BTCUSDT}), beside those of the watchlist's entries. */
    @WithDefault("BTCUSDT")
    List<String> symbols();

    /** Kline interval of the feed (Binance names: 1s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d). */
    @WithDefault("1m")
    String interval();

    /** Bars fetched from REST before the first live bar when the monitor never published a slice (strategy warm-up). */
    @WithDefault("100")
    int historyBars();

    /** At most this many bars are fetched to fill one gap (the most recent ones); at most 1000 (one request). */
    @WithDefault("1000")
    int maxRecoveryBars();

    /** How long a slice waits for a symbol whose bar has not arrived (other symbols' bars of that time have). */
    @WithDefault("3s")
    Duration sliceGrace();

    /** With no frame (message or ping) for this long the connection counts as dead and is reopened. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** First reconnect or retry delay; it doubles per failed attempt up to {@link #reconnectMax()}. */
    @WithDefault("1s")
    Duration reconnectInitial();

    /** Longest reconnect or retry delay. */
    @WithDefault("60s")
    Duration reconnectMax();

    /** Fraction of each delay that is random (0..1). */
    @WithDefault("0.5")
    double reconnectJitter();

    /** Seed of the jitter's random numbers. */
    @WithDefault("1")
    long jitterSeed();

    /** Tries of one gap's REST fetch before it is given up (rate-limit waits do not count). */
    @WithDefault("5")
    int recoveryAttempts();

    /** How often the monitor asks the feed for a slice while none is ready. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Readiness reports the feed down once it has been disconnected this long. */
    @WithDefault("2m")
    Duration unhealthyAfter();
}
