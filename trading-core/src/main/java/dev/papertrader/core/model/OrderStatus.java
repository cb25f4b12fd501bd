package dev.papertrader.core.model;

public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED;

    /** True once the order can no longer fill. */
    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == EXPIRED || this == REJECTED;
    }
}
