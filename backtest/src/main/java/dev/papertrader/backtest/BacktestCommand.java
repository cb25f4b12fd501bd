package dev.papertrader.backtest;

import dev.papertrader.backtest.report.ReportContent;
import dev.papertrader.backtest.report.ReportWriter;
import dev.papertrader.core.backtest.BacktestConfig;
import dev.papertrader.core.backtest.BacktestEngine;
import dev.papertrader.core.backtest.BacktestResult;
import dev.papertrader.core.backtest.StrategySpec;
import dev.papertrader.core.config.ModelSpecs;
import dev.papertrader.core.execution.ExecutionConfig;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.TimeInForce;
import dev.papertrader.core.performance.PerformanceParameters;
import dev.papertrader.core.performance.PerformanceStats;
import dev.papertrader.core.router.FilterRules;
import dev.papertrader.core.router.RiskLimits;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.SessionHours;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code papertrader backtest}: runs the in-process backtest engine over CSV or bundled bars and writes
 * trades.csv, equity.csv, summary.json and report.html.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs strategies over historical bars through the router, the simulated exchange and the portfolio.")
public class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "CSV file (date,open,high,low,close,volume) or bundled data set name (see 'datasets').")
    String data;

    @Option(names = "--symbol", description = "Symbol of the CSV's bars (default: the file name).")
    String symbol;

    @Option(names = "--timeframe", description = "Timeframe label of the CSV's bars (default: 1d).")
    String timeframe;

    @Option(names = "--strategy", required = true, split = ";",
            description = "Strategy to run, repeatable: NAME or NAME:key=value,key=value (macd-crossover, rsi-divergence, tsi-momentum).")
    List<String> strategies;

    @Option(names = "--cash", defaultValue = "10000", description = "Starting cash (default: ${DEFAULT-VALUE}).")
    BigDecimal cash;

    @Option(names = "--account", defaultValue = "backtest", description = "Account id (default: ${DEFAULT-VALUE}).")
    String account;

    // Sizing and direction
    @Option(names = "--sizing", defaultValue = "percent:10",
            description = "all-in | fixed-qty:QTY | fixed-notional:AMOUNT | percent:PCT | atr:RISK_PCT:ATR_MULTIPLE (default: ${DEFAULT-VALUE}).")
    String sizing;

    @Option(names = "--fractional", description = "Trade fractional quantities (8 decimals); all-in then spends exactly all cash.")
    boolean fractional;

    @Option(names = "--long-only", description = "Never open short positions; SELL signals only close longs.")
    boolean longOnly;

    @Option(names = "--order-type", defaultValue = "market", description = "market | limit (default: ${DEFAULT-VALUE}).")
    String orderType;

    @Option(names = "--limit-offset-bps", defaultValue = "0", description = "Limit orders' distance from the signal price, favourable side, in bps.")
    BigDecimal limitOffsetBps;

    @Option(names = "--tif", defaultValue = "gtc", description = "Time in force: day | gtc | ioc | fok (default: ${DEFAULT-VALUE}).")
    String timeInForce;

    // Filters
    @Option(names = "--allow", split = ",", description = "Symbol allowlist (default: every symbol).")
    Set<String> allow = Set.of();

    @Option(names = "--disable-strategy", split = ",", description = "Strategies whose signals are rejected.")
    Set<String> disabledStrategies = Set.of();

    @Option(names = "--min-strength", defaultValue = "0", description = "Minimum signal strength in [0, 1].")
    BigDecimal minStrength;

    @Option(names = "--cooldown", description = "Minimum event time between accepted orders of a symbol, ISO-8601 (PT1H, P3D).")
    Duration cooldown;

    @Option(names = "--allow-duplicates", description = "Do not suppress same symbol/side/bar signals from several strategies.")
    boolean allowDuplicates;

    @Option(names = "--session", description = "Trading session for openings: HH:MM-HH:MM@ZONE, e.g. 09:30-16:00@America/New_York (Mon-Fri).")
    String session;

    // Risk
    @Option(names = "--max-position-qty", description = "Largest position per symbol, in units.")
    BigDecimal maxPositionQty;

    @Option(names = "--max-position-notional", description = "Largest position per symbol, in cash.")
    BigDecimal maxPositionNotional;

    @Option(names = "--max-gross-exposure", description = "Largest sum of absolute position values, in cash.")
    BigDecimal maxGrossExposure;

    @Option(names = "--max-open-orders", defaultValue = "0", description = "Most open orders at once (0: no limit).")
    int maxOpenOrders;

    @Option(names = "--daily-loss-limit", description = "Refuse openings after losing this percent of the day's starting equity.")
    BigDecimal dailyLossLimitPct;

    @Option(names = "--max-drawdown-halt", description = "Halt openings after a drawdown of this percent from peak equity.")
    BigDecimal maxDrawdownHaltPct;

    // Execution
    @Option(names = "--fill", defaultValue = "next-open",
            description = "Fill model: next-open (an order from bar t fills on bar t+1, market at its open). Default: ${DEFAULT-VALUE}.")
    String fill;

    @Option(names = "--latency-bars", defaultValue = "1", description = "Bars between an order's creation and its first chance to fill (default: ${DEFAULT-VALUE}).")
    int latencyBars;

    @Option(names = "--max-volume-share", description = "Cap each bar's fills at this share of its volume (e.g. 0.1); partial fills beyond.")
    BigDecimal maxVolumeShare;

    @Option(names = "--fee", defaultValue = "0", description = "0 | pct:PERCENT | per-share:AMOUNT[:MIN] | fixed:AMOUNT (default: ${DEFAULT-VALUE}).")
    String fee;

    @Option(names = "--slippage", defaultValue = "0", description = "0 | bps:BPS | impact:COEFFICIENT (default: ${DEFAULT-VALUE}).")
    String slippage;

    @Option(names = "--zone", defaultValue = "UTC", description = "Zone whose days delimit trading days (DAY orders, daily loss). Default: ${DEFAULT-VALUE}.")
    ZoneId zone;

    // Statistics and output
    @Option(names = "--periods-per-year", description = "Equity periods per year for annualising (default: the data set's, else 252).")
    Double periodsPerYear;

    @Option(names = "--risk-free", defaultValue = "0", description = "Annual risk-free rate as a fraction (0.02 = 2%%).")
    double riskFree;

    @Option(names = "--out", defaultValue = "backtest-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        BarSource source;
        BacktestEngine engine;
        try {
            source = BarSource.load(data, symbol, timeframe);
            engine = new BacktestEngine(config(source));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        long started = System.nanoTime();
        BacktestResult result = engine.run(source.bars().iterator(), ProgressBar.forRun(source.bars().size()));
        double seconds = (System.nanoTime() - started) / 1e9;

        String title = String.join(", ", strategies) + " on " + source.symbol() + " (" + source.name() + ")";
        ReportWriter.writeAll(out, new ReportContent(title, describe(engine.config(), source), result.stats(),
                result.equityCurve(), result.trades()));
        printSummary(source, result, seconds);
        return 0;
    }

    BacktestConfig config(BarSource source) {
        if (!"next-open".equals(fill)) {
            throw new IllegalArgumentException("unknown fill model '" + fill
                    + "'; use next-open (with --latency-bars for later fills)");
        }
        FilterRules filters = FilterRules.none()
                .withSymbolAllowlist(allow)
                .withDisabledStrategies(disabledStrategies)
                .withMinStrength(minStrength)
                .withCooldownPerSymbol(cooldown)
                .withSuppressDuplicates(!allowDuplicates)
                .withSessionHours(session == null ? null : parseSession(session));
        RiskLimits risk = new RiskLimits(maxPositionQty, maxPositionNotional, maxGrossExposure, maxOpenOrders,
                dailyLossLimitPct, maxDrawdownHaltPct);
        RouterConfig router = new RouterConfig(filters, risk, ModelSpecs.sizing(sizing), fractional, longOnly,
                OrderType.valueOf(orderType.toUpperCase(Locale.ROOT)), limitOffsetBps,
                TimeInForce.valueOf(timeInForce.toUpperCase(Locale.ROOT)));
        ExecutionConfig execution = ExecutionConfig.defaults()
                .withLatencyBars(latencyBars)
                .withMaxVolumeShare(maxVolumeShare)
                .withFees(ModelSpecs.fees(fee))
                .withSlippage(ModelSpecs.slippage(slippage))
                .withSessionZone(zone);
        double periods = periodsPerYear != null ? periodsPerYear
                : Double.isNaN(source.periodsPerYear()) ? 252 : source.periodsPerYear();
        return new BacktestConfig(account, cash, strategySpecs(), router, execution,
                new PerformanceParameters(periods, riskFree), zone);
    }

    List<StrategySpec> strategySpecs() {
        List<StrategySpec> specs = new ArrayList<>();
        for (String text : strategies) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                specs.add(StrategySpec.of(text.trim()));
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : text.substring(colon + 1).split(",")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("strategy parameter '" + pair + "' in '" + text
                            + "' is not key=value");
                }
                parameters.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
            specs.add(new StrategySpec(text.substring(0, colon).trim(), parameters));
        }
        return specs;
    }

    static SessionHours parseSession(String text) {
        String[] hoursAndZone = text.split("@", 2);
        String[] hours = hoursAndZone[0].split("-", 2);
        if (hours.length != 2) {
            throw new IllegalArgumentException("session '" + text + "' is not HH:MM-HH:MM@ZONE");
        }
        ZoneId sessionZone = hoursAndZone.length == 2 ? ZoneId.of(hoursAndZone[1]) : ZoneOffset.UTC;
        return new SessionHours(sessionZone, LocalTime.parse(hours[0]), LocalTime.parse(hours[1]),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    private Map<String, Object> describe(BacktestConfig config, BarSource source) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("data", source.name());
        run.put("symbol", source.symbol());
        run.put("timeframe", source.timeframe());
        run.put("bars", source.bars().size());
        run.put("strategies", strategies);
        run.put("cash", cash);
        run.put("sizing", sizing);
        run.put("fractional", fractional);
        run.put("long_only", longOnly);
        run.put("order_type", orderType);
        run.put("fill", fill);
        run.put("latency_bars", latencyBars);
        run.put("max_volume_share", maxVolumeShare);
        run.put("fee", fee);
        run.put("slippage", slippage);
        run.put("periods_per_year", config.performance().periodsPerYear());
        run.put("risk_free", riskFree);
        return run;
    }

    private void printSummary(BarSource source, BacktestResult result, double seconds) {
        PerformanceStats stats = result.stats();
        System.out.printf("%s %s: %,d bars, %d signals, %d orders, %d fills, %d trades in %.2f s%n", source.name(),
                source.symbol(), result.bars(), result.signals().size(), result.orders().size(), result.fills().size(),
                stats.trades(), seconds);
        System.out.printf("final equity %s  total return %.2f%%  CAGR %.2f%%  Sharpe %.2f  max drawdown %.2f%%  win rate %.1f%%%n",
                stats.finalEquity().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(),
                100 * stats.totalReturn(), 100 * stats.cagr(), stats.sharpe(), 100 * stats.maxDrawdown(),
                100 * stats.winRate());
        System.out.println("wrote " + out.resolve("trades.csv") + ", equity.csv, summary.json, report.html");
    }
}
