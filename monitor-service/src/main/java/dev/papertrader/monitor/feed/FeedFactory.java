package dev.papertrader.monitor.feed;

import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.data.CsvBars;
import dev.papertrader.monitor.config.MonitorConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the configured {@link MarketDataFeed}; every configuration mistake is an error naming the key. */
public final class FeedFactory {

    /** The data sets value meaning "no bundled data set, CSV files only". */
    public static final String NO_DATASETS = "none";

    private FeedFactory() {
    }

    /**
     * The feed {@code papertrader.monitor.feed.*} describes.
     *
     * @throws IllegalArgumentException naming the configuration key at fault
     */
    public static MarketDataFeed create(MonitorConfig.Feed config) {
        if (!(config.speed() >= 0) || Double.isInfinite(config.speed())) {
            throw new IllegalArgumentException("papertrader.monitor.feed.speed must be 0 (as fast as possible) or a"
                    + " positive number of slices per second, was " + config.speed());
        }
        return switch (config.type().strip().toLowerCase(Locale.ROOT)) {
            case "replay" -> replay(config);
            case "synthetic" -> synthetic(config.synthetic());
            default -> throw new IllegalArgumentException("papertrader.monitor.feed.type must be replay or synthetic, was '"
                    + config.type() + "'");
        };
    }

    private static MarketDataFeed replay(MonitorConfig.Feed config) {
        List<ReplayFeed.Source> sources = new ArrayList<>();
        for (String name : config.datasets()) {
            String dataset = name.strip();
            if (dataset.isEmpty() || dataset.equalsIgnoreCase(NO_DATASETS)) {
                continue;
            }
            try {
                sources.add(new ReplayFeed.Source(dataset, BundledData.load(dataset).bars()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("papertrader.monitor.feed.datasets: " + e.getMessage(), e);
            }
        }
        for (String spec : config.csv().orElse(List.of())) {
            if (!spec.isBlank()) {
                sources.add(csvSource(spec.strip()));
            }
        }
        try {
            return ReplayFeed.of(sources, config.loop());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("papertrader.monitor.feed: " + e.getMessage(), e);
        }
    }

    /** Reads one {@code SYMBOL:TIMEFRAME:PATH} CSV source (the path may itself contain colons). */
    static ReplayFeed.Source csvSource(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length < 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new IllegalArgumentException("papertrader.monitor.feed.csv entries are SYMBOL:TIMEFRAME:PATH, was '"
                    + spec + "'");
        }
        String symbol = parts[0].strip();
        String timeframe;
        try {
            timeframe = Instrument.normalizeTimeframe(parts[1].strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("papertrader.monitor.feed.csv '" + spec + "': " + e.getMessage(), e);
        }
        Path path = Path.of(parts[2].strip());
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new ReplayFeed.Source(path.toString(), CsvBars.read(reader, symbol, timeframe));
        } catch (IOException e) {
            throw new IllegalArgumentException("papertrader.monitor.feed.csv: cannot read " + path + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("papertrader.monitor.feed.csv: " + path + ": " + e.getMessage(), e);
        }
    }

    private static MarketDataFeed synthetic(MonitorConfig.Synthetic config) {
        try {
            return new SyntheticFeed(config.seed(), SyntheticFeed.symbolNames(config.symbolPrefix(), config.symbols()),
                    config.timeframe(), config.start(), config.bars());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("papertrader.monitor.feed.synthetic: " + e.getMessage(), e);
        }
    }
}
