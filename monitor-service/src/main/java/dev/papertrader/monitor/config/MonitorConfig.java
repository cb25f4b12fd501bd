package dev.papertrader.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitor's configuration ({@code papertrader.monitor.*}): which market data feed runs and how fast, how the
 * watchlist is seeded on first start, and how many consumed events are kept for display.
 */
@ConfigMapping(prefix = "papertrader.monitor")
public interface MonitorConfig {

    /** The market data feed. */
    Feed feed();

    /** The watchlist seeded on first start. */
    Watchlist watchlist();

    /** The events of other services kept for display (GET /events). */
    Events events();

    /** The alerts WebSocket ({@code /ws/alerts}). */
    Alerts alerts();

    /** The backtest reports the dashboard lists. */
    Reports reports();

    interface Feed {
        /** {@code replay} (bundled data sets and CSV files) or {@code synthetic} (seeded random walks). */
        @WithDefault("replay")
        String type();

        /**
         * Bundled data sets the replay feed merges by time, in this symbol order: {@code aapl-2013},
         * {@code btc-bitstamp-2013-1m}, {@code btc-bitstamp-2013-5m}, {@code eth-2023-5m}; {@code none} for CSV files
         * only. Two sources may not carry the same symbol.
         */
        @WithDefault("aapl-2013")
        List<String> datasets();

        /**
         * CSV files the replay feed merges after the data sets, each {@code SYMBOL:TIMEFRAME:PATH}
         * (e.g. {@code MSFT:1d:/data/msft.csv}); the format is trading-core's {@code CsvBars}.
         */
        Optional<List<String>> csv();

        /** Slices published per second; {@code 0} publishes as fast as the database commits them. */
        @WithDefault("4")
        double speed();

        /**
         * Whether the replay starts over at its end; each pass shifts every time forward by the data's span plus one
         * bar (the longest timeframe), so event time keeps increasing.
         */
        @WithDefault("false")
        boolean loop();

        /** Whether the feed starts with the service (otherwise POST /feed/start starts it). */
        @WithDefault("true")
        boolean autostart();

        /** How long the feed waits before it retries after a slice failed to commit (database or broker outage). */
        @WithDefault("2s")
        Duration retryDelay();

        /** The synthetic feed. */
        Synthetic synthetic();
    }

    interface Synthetic {
        /** How many symbols, named prefix + 1-based number padded to 3 digits: SYN001, SYN002... */
        @WithDefault("3")
        int symbols();

        /** Prefix of the synthetic symbols' names. */
        @WithDefault("SYN")
        String symbolPrefix();

        /** Seed of the random walks; the same seed gives the same bars. */
        @WithDefault("42")
        long seed();

        /** Bar timeframe, e.g. {@code 1m}; consecutive slices are one timeframe apart. */
        @WithDefault("1m")
        String timeframe();

        /** Open time of the first slice. */
        @WithDefault("2024-01-01T00:00:00Z")
        Instant start();

        /** Bars per symbol before the feed ends; {@code 0} for no end. */
        @WithDefault("0")
        int bars();
    }

    interface Watchlist {
        /**
         * Strategies (registry names) the watchlist is seeded with on first start, each for every symbol of the feed,
         * in this order.
         */
        @WithDefault("macd-crossover,rsi-divergence,tsi-momentum")
        List<String> seedStrategies();

        /**
         * Parameters of the seeded strategies, by strategy name: {@code seed-parameters."macd-crossover".fastPeriod=10};
         * missing ones take the strategy's defaults.
         */
        Map<String, Map<String, String>> seedParameters();
    }

    interface Events {
        /** How many of the latest consumed events (fills, portfolio updates, decisions) are kept in memory. */
        @WithDefault("1000")
        int bufferSize();

        /** The monitor's queues of the other services' events, read for display (docs/contracts.md). */
        @WithDefault("trading.fills::trading.fills.monitor,portfolio.updates::portfolio.updates.monitor,"
                + "trading.decisions::trading.decisions.monitor")
        List<String> queues();
    }

    interface Alerts {
        /**
         * How many messages each alerts client may have waiting to be written; when a client reads too slowly and its
         * queue is full, the oldest is dropped (and the client is told with a {@code dropped} notice).
         */
        @WithDefault("256")
        int clientBuffer();
    }

    interface Reports {
        /**
         * Where backtest reports are read from: each subdirectory holding a {@code report.html} (what
         * {@code ./papertrader backtest --out DIR} writes) is one report. Relative to the service's working directory
         * (the repository root under {@code ./papertrader up}); a missing directory lists no report.
         */
        @WithDefault("reports")
        Path dir();
    }
}
