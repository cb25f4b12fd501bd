package dev.papertrader.core.strategy;

import dev.papertrader.core.model.Bar;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.bars.TimeBarBuilder;
import org.ta4j.core.num.NumFactory;

/** Converts our {@link Bar} records into ta4j bars and series. */
public final class Ta4jBars {

    private static final Pattern SHORTHAND = Pattern.compile("(\\d+)(s|m|min|h|d|w)");

    private Ta4jBars() {
    }

    /**
     * The length of a bar timeframe: shorthand {@code <n>s|m|min|h|d|w} (seconds, minutes, hours, days, weeks, so
     * {@code 5m} is five minutes and {@code 1d} one day) or an ISO-8601 duration ({@code PT5M}, {@code P1D}).
     *
     * @throws IllegalArgumentException if the timeframe is neither, or not positive
     */
    public static Duration timeframeDuration(String timeframe) {
        Objects.requireNonNull(timeframe, "timeframe is required");
        String text = timeframe.strip();
        Matcher shorthand = SHORTHAND.matcher(text.toLowerCase(Locale.ROOT));
        Duration duration;
        if (shorthand.matches() && !text.endsWith("M")) { // "1M" reads as a month elsewhere: refuse to guess
            long amount = Long.parseLong(shorthand.group(1));
            duration = switch (shorthand.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                case "w" -> Duration.ofDays(7 * amount);
                default -> throw new IllegalStateException(shorthand.group(2));
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("unknown timeframe '" + timeframe
                        + "'; use <n>s, <n>m, <n>h, <n>d, <n>w or an ISO-8601 duration such as PT5M", e);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("timeframe '" + timeframe + "' must be positive");
        }
        return duration;
    }

    /** The ta4j bar for {@code bar}: begins at its open time, lasts {@code period}, prices in {@code numFactory}. */
    public static org.ta4j.core.Bar toTa4jBar(Bar bar, Duration period, NumFactory numFactory) {
        Instant begin = bar.openTime();
        return new TimeBarBuilder(numFactory)
                .timePeriod(period)
                .beginTime(begin)
                .endTime(begin.plus(period))
                .openPrice(bar.open())
                .highPrice(bar.high())
                .lowPrice(bar.low())
                .closePrice(bar.close())
                .volume(bar.volume())
                .amount(bar.close().multiply(bar.volume()))
                .build();
    }

    /**
     * An unbounded ta4j series of {@code bars}, named after their symbol, e.g. for ta4j's {@code BarSeriesManager}.
     *
     * @throws IllegalArgumentException unless all bars share one symbol and one timeframe and their open times
     *                                  strictly increase
     */
    public static BarSeries toSeries(List<Bar> bars, NumFactory numFactory) {
        Objects.requireNonNull(bars, "bars is required");
        BarSeries series = new BaseBarSeriesBuilder()
                .withName(bars.isEmpty() ? "empty" : bars.getFirst().symbol())
                .withNumFactory(numFactory)
                .build();
        if (bars.isEmpty()) {
            return series;
        }
        Bar first = bars.getFirst();
        Duration period = timeframeDuration(first.timeframe());
        Instant previousOpen = null;
        for (Bar bar : bars) {
            if (!bar.symbol().equals(first.symbol()) || !bar.timeframe().equals(first.timeframe())) {
                throw new IllegalArgumentException("bars must share one symbol and timeframe: " + first.id()
                        + " and " + bar.id());
            }
            if (previousOpen != null && !bar.openTime().isAfter(previousOpen)) {
                throw new IllegalArgumentException("bar open times must strictly increase: " + bar.id()
                        + " comes after " + previousOpen);
            }
            series.addBar(toTa4jBar(bar, period, numFactory));
            previousOpen = bar.openTime();
        }
        return series;
    }
}
