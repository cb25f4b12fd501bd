package dev.papertrader.localstack.up;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference run as service configuration, what {@code ./papertrader up} starts by default: the monitor replays the
 * bundled AAPL 2013 daily bars ({@code aapl-2013}) and runs the MACD crossover on AAPL; the router sizes every
 * opening all-in with fractional quantities, long only, as GTC market orders; the exchange fills an order of bar
 * <i>t</i> at the open of bar <i>t</i>+1 with no slippage and no fees; the portfolio's {@value #ACCOUNT} account
 * starts with 10,000 in cash.
 *
 * <p>The same run in one process is
 * {@code ./papertrader backtest --data aapl-2013 --symbol AAPL --strategy macd-crossover --sizing all-in --fractional
 * --long-only} (trading-core's {@code Ta4jEquivalenceTests.referenceConfig()}); the system test checks that both
 * give the same trades.
 *
 * <p>Every value is written out, even where it equals the service's default, so the run does not change when a
 * default does.
 */
public final class ReferenceRun {

    /** The account the router trades for and the portfolio opens at first start. */
    public static final String ACCOUNT = "default";
    /** The bundled data set replayed. */
    public static final String DATASET = "aapl-2013";
    /** Its only symbol. */
    public static final String SYMBOL = "AAPL";
    /** The strategy on the watchlist. */
    public static final String STRATEGY = "macd-crossover";
    /** The default account's starting cash. */
    public static final BigDecimal STARTING_CASH = new BigDecimal("10000");
    /** Replay pace of {@code up} unless told otherwise: slow enough to watch, 252 bars in about 50 s. */
    public static final double DEFAULT_BARS_PER_SECOND = 5;

    private ReferenceRun() {
    }

    /**
     * The configuration properties of each service (by {@link ServiceSpec#name()}), for
     * {@link LocalStack.Settings#serviceProperties()}.
     *
     * @param barsPerSecond replay pace in slices per second; 0 replays as fast as the monitor commits
     */
    public static Map<String, Map<String, String>> serviceProperties(double barsPerSecond) {
        if (!(barsPerSecond >= 0) || Double.isInfinite(barsPerSecond)) {
            throw new IllegalArgumentException("the replay speed must be 0 (as fast as possible) or a positive number of"
                    + " bars per second, not " + barsPerSecond);
        }
        Map<String, String> monitor = new LinkedHashMap<>();
        monitor.put("papertrader.monitor.feed.type", "replay");
        monitor.put("papertrader.monitor.feed.datasets", DATASET);
        monitor.put("papertrader.monitor.feed.speed", BigDecimal.valueOf(barsPerSecond).stripTrailingZeros().toPlainString());
        monitor.put("papertrader.monitor.feed.loop", "false");
        monitor.put("papertrader.monitor.feed.autostart", "true");
        monitor.put("papertrader.monitor.watchlist.seed-strategies", STRATEGY);

        Map<String, String> router = new LinkedHashMap<>();
        router.put("papertrader.router.account-id", ACCOUNT);
        router.put("papertrader.router.sizing", "all-in");
        router.put("papertrader.router.fractional", "true");
        router.put("papertrader.router.long-only", "true");
        router.put("papertrader.router.order-type", "MARKET");
        router.put("papertrader.router.time-in-force", "GTC");

        Map<String, String> orders = new LinkedHashMap<>();
        orders.put("papertrader.execution.latency-bars", "1");
        orders.put("papertrader.execution.slippage", "none");
        orders.put("papertrader.execution.fees", "none");

        Map<String, String> portfolio = new LinkedHashMap<>();
        portfolio.put("papertrader.portfolio.default-account-id", ACCOUNT);
        portfolio.put("papertrader.portfolio.starting-cash", STARTING_CASH.toPlainString());

        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("monitor", monitor);
        all.put("router", router);
        all.put("orders", orders);
        all.put("portfolio", portfolio);
        return all;
    }
}
