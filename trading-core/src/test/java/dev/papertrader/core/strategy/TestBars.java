package dev.papertrader.core.strategy;

import dev.papertrader.core.model.Bar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** Bars for tests: hand-written closes, a seeded random walk, and the AAPL 2013 daily bars shipped by ta4j-examples. */
final class TestBars {

    static final String SYMBOL = "TEST";
    static final String TIMEFRAME = "1d";
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private TestBars() {
    }

    static Instant openTime(int index) {
        return START.plus(Duration.ofDays(index));
    }

    /** Daily bars with the given closes; open = close, high = close + 1, low = close − 1. */
    static List<Bar> fromCloses(double... closes) {
        List<Bar> bars = new ArrayList<>(closes.length);
        for (int i = 0; i < closes.length; i++) {
            bars.add(bar(i, closes[i]));
        }
        return bars;
    }

    static Bar bar(int index, double close) {
        return bar(index, close, 1);
    }

    /** A daily bar with open = close, high = close + halfRange, low = close − halfRange. */
    static Bar bar(int index, double close, double halfRange) {
        BigDecimal price = BigDecimal.valueOf(close);
        BigDecimal half = BigDecimal.valueOf(halfRange);
        return new Bar(SYMBOL, TIMEFRAME, openTime(index), price, price.add(half), price.subtract(half), price,
                BigDecimal.valueOf(1000));
    }

    /**
     * A seeded geometric random walk of daily bars: each close is the previous one times (1 + 1.5 % × a standard
     * normal draw), rounded to cents; open = previous close; high and low stretch beyond them by up to 1 %.
     */
    static List<Bar> randomWalk(long seed, int count) {
        Random random = new Random(seed);
        List<Bar> bars = new ArrayList<>(count);
        BigDecimal previousClose = new BigDecimal("100.00");
        for (int i = 0; i < count; i++) {
            BigDecimal open = previousClose;
            double factor = 1 + 0.015 * random.nextGaussian();
            BigDecimal close = open.multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.HALF_EVEN)
                    .max(new BigDecimal("1.00"));
            BigDecimal top = open.max(close);
            BigDecimal bottom = open.min(close);
            BigDecimal high = top.multiply(BigDecimal.valueOf(1 + 0.01 * random.nextDouble()))
                    .setScale(2, RoundingMode.CEILING);
            BigDecimal low = bottom.multiply(BigDecimal.valueOf(1 - 0.01 * random.nextDouble()))
                    .setScale(2, RoundingMode.FLOOR).max(new BigDecimal("0.01"));
            bars.add(new Bar(SYMBOL, TIMEFRAME, openTime(i), open, high, low, close,
                    BigDecimal.valueOf(1000 + random.nextInt(9000))));
            previousClose = close;
        }
        return bars;
    }

    /** AAPL daily bars of 2013 from ta4j-examples' {@code appleinc_bars_from_20130101_usd.csv}. */
    static List<Bar> appleDaily2013() {
        var stream = Objects.requireNonNull(TestBars.class.getResourceAsStream("/appleinc_bars_from_20130101_usd.csv"),
                "ta4j-examples data file missing");
        List<Bar> bars = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",");
                Instant open = LocalDate.parse(fields[0]).atStartOfDay(ZoneOffset.UTC).toInstant();
                bars.add(new Bar("AAPL", TIMEFRAME, open, new BigDecimal(fields[1]), new BigDecimal(fields[2]),
                        new BigDecimal(fields[3]), new BigDecimal(fields[4]), new BigDecimal(fields[5])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bars;
    }

    /** Runs a fresh instance over {@code bars} and collects every signal. */
    static List<dev.papertrader.core.model.Signal> signalsOf(TradingStrategy strategy, List<Bar> bars) {
        List<dev.papertrader.core.model.Signal> signals = new ArrayList<>();
        for (Bar bar : bars) {
            signals.addAll(strategy.onBar(bar));
        }
        return signals;
    }
}
