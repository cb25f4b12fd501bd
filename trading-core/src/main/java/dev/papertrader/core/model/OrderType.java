package dev.papertrader.core.model;

public enum OrderType {
    MARKET, LIMIT, STOP, STOP_LIMIT
}
