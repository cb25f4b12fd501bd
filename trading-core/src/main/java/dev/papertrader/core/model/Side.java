package dev.papertrader.core.model;

public enum Side {
    BUY, SELL;

    /** +1 for a buy, -1 for a sell: the sign a fill of this side gives the position change. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
