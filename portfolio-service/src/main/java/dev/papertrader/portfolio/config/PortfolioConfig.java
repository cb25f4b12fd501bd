package dev.papertrader.portfolio.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.ZoneId;

/** The portfolio service's settings ({@code papertrader.portfolio.*}). */
@ConfigMapping(prefix = "papertrader.portfolio")
public interface PortfolioConfig {

    /** Id of the account opened at start when it does not exist yet; further accounts are opened through REST. */
    @WithDefault("default")
    String defaultAccountId();

    /** Cash the default account starts with, in account currency; positive. */
    @WithDefault("10000")
    BigDecimal startingCash();

    /**
     * Zone whose calendar date is an account's trading day: the day start equity of a snapshot is the equity of the
     * first equity point of that day (trading-core {@code Account}). Shared by every account of the service.
     */
    @WithDefault("UTC")
    ZoneId tradingDayZone();

    /** The queue of the monitor's bars and slice-ends. */
    @WithDefault("market.bars::market.bars.portfolio")
    String barsQueue();

    /** The queue of the order service's fills, order status events and slice-ends. */
    @WithDefault("trading.fills::trading.fills.portfolio")
    String fillsQueue();

    /** Defaults of the performance endpoint. */
    Performance performance();

    interface Performance {
        /**
         * Equity-curve periods in a year when a request gives none: 252 for daily stock bars, 365 for daily crypto
         * bars, 365 × 288 for five-minute crypto bars.
         */
        @WithDefault("252")
        double periodsPerYear();

        /** Annual risk-free rate (a fraction: 0.02 = 2 %) when a request gives none. */
        @WithDefault("0")
        double riskFreeRate();
    }
}
