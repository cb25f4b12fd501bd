package dev.papertrader.backtest;

import dev.papertrader.core.backtest.BacktestEngine;
import java.io.PrintStream;

/** A one-line progress bar on standard error, redrawn at most once per percent; silent on short runs. */
final class ProgressBar implements BacktestEngine.ProgressListener {

    /** Runs shorter than this finish before a bar would be worth drawing. */
    static final long MINIMUM_BARS = 50_000;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private int lastPercent = -1;

    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    static BacktestEngine.ProgressListener forRun(long total) {
        return total >= MINIMUM_BARS ? new ProgressBar(System.err, total) : BacktestEngine.ProgressListener.NONE;
    }

    @Override
    public void onProgress(long barsDone) {
        int percent = (int) (100 * barsDone / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = WIDTH * percent / 100;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf("\r[%s%s] %3d%%  %,d/%,d bars  %,.0f bars/s", "=".repeat(filled), " ".repeat(WIDTH - filled),
                percent, barsDone, total, seconds > 0 ? barsDone / seconds : 0.0);
        if (barsDone >= total) {
            out.println();
        }
        out.flush();
    }
}
