package dev.papertrader.router.config;

import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.TimeInForce;
import dev.papertrader.core.router.FilterRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * The router service's configuration ({@code papertrader.router.*}): which account it routes for, and the
 * {@link dev.papertrader.core.router.RouterConfig} it starts with. Once {@code PUT /risk} has replaced the router
 * configuration, the stored one is used instead of these values, across restarts ({@link RouterSettings}).
 */
@ConfigMapping(prefix = "papertrader.router")
public interface RouterServiceConfig {

    /** The account whose signals this router decides; snapshots of other accounts are ignored. */
    @WithDefault("default")
    String accountId();

    /** The queue of signals and the monitor's slice-ends. */
    @WithDefault("trading.signals")
    String signalsQueue();

    /** The router's queue of portfolio snapshots. */
    @WithDefault("portfolio.updates::portfolio.updates.router")
    String portfolioQueue();

    /** The router's queue of fills, order status changes and the order service's slice-ends. */
    @WithDefault("trading.fills::trading.fills.router")
    String fillsQueue();

    /** The router's queue of bars (the last price of each symbol, for manual orders' risk checks). */
    @WithDefault("market.bars::market.bars.router")
    String barsQueue();

    /**
     * How big an opening is: {@code all-in}, {@code fixed-qty:QTY}, {@code fixed-notional:AMOUNT},
     * {@code percent:PCT} (of equity), {@code atr:RISK_PCT:ATR_MULTIPLE}
     * ({@link dev.papertrader.core.config.ModelSpecs#sizing}).
     */
    @WithDefault("percent:10")
    String sizing();

    /** False: whole units, rounded down; true: 8 decimals, and {@code all-in} becomes a notional order. */
    @WithDefault("false")
    boolean fractional();

    /** When true a SELL while flat is rejected ({@code long-only}) instead of opening a short. */
    @WithDefault("true")
    boolean longOnly();

    /** MARKET or LIMIT. */
    @WithDefault("MARKET")
    OrderType orderType();

    /** For LIMIT orders: the limit's distance from the signal price, in basis points on the favourable side. */
    @WithDefault("0")
    BigDecimal limitOffsetBps();

    /** Time in force of every order: GTC or DAY. */
    @WithDefault("GTC")
    TimeInForce timeInForce();

    /** Which signals are considered at all. */
    Filters filters();

    /** Limits on openings; every limit is off unless set (a zero limit is off too). */
    Risk risk();

    /** {@link FilterRules}. */
    interface Filters {

        /** Symbols the router trades, comma-separated; none means every symbol. */
        Optional<Set<String>> symbolAllowlist();

        /** Strategies whose signals are rejected ({@code strategy-disabled}), comma-separated. */
        Optional<Set<String>> disabledStrategies();

        /** Openings need {@code strength >= min-strength}; within [0, 1]. */
        @WithDefault("0")
        BigDecimal minStrength();

        /** Event time an opening waits after the symbol's last accepted order; {@code 0s} disables. */
        @WithDefault("0s")
        Duration cooldown();

        /** Reject a signal with the same symbol, type and bar time as one already accepted (any strategy). */
        @WithDefault("true")
        boolean suppressDuplicates();

        /** How much event time the duplicate memory keeps. */
        @WithDefault("7d")
        Duration duplicateWindow();

        /** Trading session for openings; none unless {@code open} and {@code close} are set. */
        Session session();
    }

    /** {@link dev.papertrader.core.router.SessionHours}: openings only from {@code open} (inclusive) to {@code close}. */
    interface Session {

        /** Local time the session opens, e.g. {@code 09:30}. */
        Optional<LocalTime> open();

        /** Local time the session closes, e.g. {@code 16:00}; before {@code open} for a session across midnight. */
        Optional<LocalTime> close();

        /** Time zone of {@code open} and {@code close}, e.g. {@code America/New_York}. */
        @WithDefault("UTC")
        ZoneId zone();

        /** Days on which a session opens. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> days();
    }

    /** {@link dev.papertrader.core.router.RiskLimits}. */
    interface Risk {

        /** Largest |quantity| of a new position. */
        Optional<BigDecimal> maxPositionQty();

        /** Largest notional (qty × signal price) of a new position. */
        Optional<BigDecimal> maxPositionNotional();

        /** Largest gross exposure: positions + open opening orders + the new order. */
        Optional<BigDecimal> maxGrossExposure();

        /** Most orders of this router open at once; 0 disables. */
        @WithDefault("0")
        int maxOpenOrders();

        /** Openings stop while today's loss is at least this percent of day-start equity. */
        Optional<BigDecimal> dailyLossLimitPct();

        /** The router halts itself when the drawdown from peak equity reaches this percent. */
        Optional<BigDecimal> maxDrawdownHaltPct();
    }
}
