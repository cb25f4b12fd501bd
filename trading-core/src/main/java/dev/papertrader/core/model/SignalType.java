package dev.papertrader.core.model;

/** What a strategy suggests: buy (go or add long, or cover a short) or sell (exit a long, or go short). */
public enum SignalType {
    BUY, SELL
}
