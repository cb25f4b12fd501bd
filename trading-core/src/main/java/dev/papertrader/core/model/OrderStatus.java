package dev.papertrader.core.model;

public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REJECTED,
    /** A contingent leg waiting for its parent order to fill; it cannot fill yet. */
    HELD,
    /** Cancelled because an order that replaces it was accepted. */
    REPLACED;

    /** True once the order can no longer fill. */
    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == EXPIRED || this == REJECTED || this == REPLACED;
    }
}
