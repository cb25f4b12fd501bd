package dev.papertrader.monitor;

import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.config.MonitorConfig;
import dev.papertrader.monitor.feed.MarketDataFeed;
import dev.papertrader.monitor.feed.TimeSlice;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Helpers the tests of several packages share. */
public final class TestData {

    private TestData() {
    }

    /** A flat bar: open = high = low = close = {@code price}, volume 1. */
    public static Bar bar(String symbol, String timeframe, Instant time, String price) {
        BigDecimal value = new BigDecimal(price);
        return new Bar(symbol, timeframe, time, value, value, value, value, BigDecimal.ONE);
    }

    /** Up to {@code max} slices of {@code feed}. */
    public static List<TimeSlice> drain(MarketDataFeed feed, int max) {
        List<TimeSlice> slices = new ArrayList<>();
        Optional<TimeSlice> next;
        while (slices.size() < max && (next = feed.next()).isPresent()) {
            slices.add(next.get());
        }
        return slices;
    }

    /** The symbols of a slice's bars, in order. */
    public static List<String> symbols(TimeSlice slice) {
        return slice.bars().stream().map(Bar::symbol).toList();
    }

    /** The configuration mapping read from {@code properties} alone (no application.properties), as Quarkus reads it. */
    public static MonitorConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(MonitorConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "2s" form
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(MonitorConfig.class);
    }
}
