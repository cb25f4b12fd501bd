package dev.papertrader.backtest.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time-series line chart as inline SVG markup, for the self-contained HTML report (no script, no external file).
 * <p>
 * x is time, scaled linearly between the first and last point; y is scaled between "nice" tick values (steps of 1,
 * 2, 2.5 or 5 × 10ⁿ) that cover the data. A series longer than twice the plot width is thinned per pixel column to
 * its first, lowest, highest and last point, so spikes stay visible while the markup stays small. With
 * {@code area}, the region between the line and zero is filled (used for drawdown, plotted as negative percent).
 */
final class SvgChart {

    static final int WIDTH = 960;
    private static final int LEFT = 80;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final int Y_TICKS = 5;
    private static final int X_TICKS = 6;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    /** How y-axis labels read: money with thousands separators, or percent. */
    enum Axis {
        MONEY, PERCENT
    }

    private SvgChart() {
    }

    /**
     * @param seriesClass CSS class of the plotted path (the test and the stylesheet find the series by it)
     * @param title       accessible name of the chart
     * @param times       epoch milliseconds, ascending
     * @param values      one value per time
     */
    static String render(String seriesClass, String title, long[] times, double[] values, int height, boolean area,
            Axis axis) {
        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        if (times.length == 0) {
            svg.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(height / 2)
                    .append("\" text-anchor=\"middle\">no data</text>\n</svg>\n");
            return svg.toString();
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = height - TOP - BOTTOM;

        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        if (area) {
            low = Math.min(low, 0);
            high = Math.max(high, 0);
        }
        if (high - low < 1e-12) {
            // A flat series still needs a vertical scale: ±1 % around it, or 0 to −1 for an all-zero area.
            double pad = high != 0 ? Math.abs(high) * 0.01 : 1;
            low -= pad;
            high = area && high == 0 ? 0 : high + pad;
        }
        double step = niceStep(high - low);
        double axisLow = Math.floor(low / step) * step;
        double axisHigh = Math.ceil(high / step) * step;

        long firstTime = times[0];
        long lastTime = times[times.length - 1];
        double timeSpan = Math.max(1, lastTime - firstTime);
        double valueSpan = axisHigh - axisLow;

        // Grid and y labels.
        int decimals = decimalsOf(step);
        svg.append("<g class=\"grid\">\n");
        for (double tick = axisLow; tick <= axisHigh + step / 2; tick += step) {
            double y = TOP + (axisHigh - tick) / valueSpan * plotHeight;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(coordinate(y)).append("\" y2=\"").append(coordinate(y)).append("\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(coordinate(y + 4))
                    .append("\" text-anchor=\"end\">").append(tickLabel(tick, decimals, axis)).append("</text>\n");
        }
        DateTimeFormatter timeFormat = lastTime - firstTime >= 2 * 86_400_000L ? DAY : MINUTE;
        int xTicks = firstTime == lastTime ? 1 : X_TICKS;
        for (int i = 0; i < xTicks; i++) {
            double fraction = xTicks == 1 ? 0.5 : (double) i / (xTicks - 1);
            long time = firstTime + Math.round(fraction * (lastTime - firstTime));
            String anchor = xTicks == 1 ? "middle" : i == 0 ? "start" : i == xTicks - 1 ? "end" : "middle";
            svg.append("<text x=\"").append(coordinate(LEFT + fraction * plotWidth)).append("\" y=\"")
                    .append(height - 8).append("\" text-anchor=\"").append(anchor).append("\">")
                    .append(timeFormat.format(Instant.ofEpochMilli(time))).append("</text>\n");
        }
        svg.append("</g>\n");

        // The series.
        List<Integer> shown = thin(times, values, (int) plotWidth);
        StringBuilder path = new StringBuilder(shown.size() * 14);
        double firstX = 0;
        double lastX = 0;
        for (int n = 0; n < shown.size(); n++) {
            int i = shown.get(n);
            double x = times.length == 1 ? LEFT + plotWidth / 2 : LEFT + (times[i] - firstTime) / timeSpan * plotWidth;
            double y = TOP + (axisHigh - values[i]) / valueSpan * plotHeight;
            path.append(n == 0 ? "M" : " L").append(coordinate(x)).append(',').append(coordinate(y));
            if (n == 0) {
                firstX = x;
            }
            lastX = x;
        }
        if (area) {
            double zeroY = TOP + axisHigh / valueSpan * plotHeight;
            svg.append("<path class=\"").append(seriesClass).append("-area\" d=\"").append(path).append(" L")
                    .append(coordinate(lastX)).append(',').append(coordinate(zeroY)).append(" L")
                    .append(coordinate(firstX)).append(',').append(coordinate(zeroY)).append(" Z\"/>\n");
        }
        svg.append("<path class=\"").append(seriesClass).append("\" d=\"").append(path).append("\"/>\n");
        if (times.length == 1) {
            svg.append("<circle class=\"").append(seriesClass).append("-dot\" cx=\"")
                    .append(coordinate(LEFT + plotWidth / 2)).append("\" cy=\"")
                    .append(coordinate(TOP + (axisHigh - values[0]) / valueSpan * plotHeight)).append("\" r=\"3\"/>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * Indices to draw: all when few; otherwise, per pixel column, the first, lowest, highest and last point, in
     * time order.
     */
    static List<Integer> thin(long[] times, double[] values, int columns) {
        List<Integer> shown = new ArrayList<>();
        if (times.length <= 2 * columns) {
            for (int i = 0; i < times.length; i++) {
                shown.add(i);
            }
            return shown;
        }
        long first = times[0];
        double span = Math.max(1, times[times.length - 1] - first);
        int start = 0;
        while (start < times.length) {
            int column = column(times[start], first, span, columns);
            int end = start;
            int lowest = start;
            int highest = start;
            while (end + 1 < times.length && column(times[end + 1], first, span, columns) == column) {
                end++;
                if (values[end] < values[lowest]) {
                    lowest = end;
                }
                if (values[end] > values[highest]) {
                    highest = end;
                }
            }
            int[] picks = {start, Math.min(lowest, highest), Math.max(lowest, highest), end};
            for (int pick : picks) {
                if (shown.isEmpty() || shown.getLast() < pick) {
                    shown.add(pick);
                }
            }
            start = end + 1;
        }
        return shown;
    }

    /** Pixel column of a time: the span is cut into equal columns, the last time belongs to the last one. */
    private static int column(long time, long first, double span, int columns) {
        return Math.min(columns - 1, (int) ((time - first) / span * columns));
    }

    /** Step of 1, 2, 2.5, 5 or 10 × 10ⁿ giving about {@value #Y_TICKS} intervals over the range. */
    static double niceStep(double range) {
        double rough = range / Y_TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double normalized = rough / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Fewest decimals that write the step exactly: 200 → 0, 2.5 → 1, 0.25 → 2. */
    static int decimalsOf(double step) {
        int decimals = 0;
        double scaled = step;
        while (decimals < 12 && Math.abs(scaled - Math.rint(scaled)) > 1e-9 * Math.max(1, scaled)) {
            decimals++;
            scaled *= 10;
        }
        return decimals;
    }

    private static String tickLabel(double tick, int decimals, Axis axis) {
        double value = Math.abs(tick) < 1e-12 ? 0 : tick;
        String number = String.format(Locale.ROOT, "%,." + decimals + "f", value);
        return axis == Axis.PERCENT ? number + "%" : number;
    }

    /** One decimal is finer than a pixel and keeps the markup short. */
    private static String coordinate(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
