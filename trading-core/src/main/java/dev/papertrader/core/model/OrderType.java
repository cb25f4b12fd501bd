package dev.papertrader.core.model;

public enum OrderType {
    MARKET, LIMIT, STOP, STOP_LIMIT,
    /** A stop that follows the market: see {@link Order#trailPrice()} and {@link Order#trailPercent()}. */
    TRAILING_STOP
}
