package dev.papertrader.core.model;

/**
 * How long an order rests. DAY: until the end of the trading day of its first eligible bar.
 * GTC: until filled or cancelled. IOC: what the first eligible bar can fill, the rest is cancelled.
 * FOK: all of it on the first eligible bar, or nothing.
 */
public enum TimeInForce {
    DAY, GTC, IOC, FOK
}
