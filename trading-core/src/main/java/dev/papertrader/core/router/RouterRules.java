package dev.papertrader.core.router;

/**
 * The names the router writes in {@link dev.papertrader.core.model.Decision#rule()}, listed in the order the
 * checks run (see {@link SignalRouter}). Consumers may match on them: they are part of the contract.
 */
public final class RouterRules {

    /** The signal was turned into an order. */
    public static final String ACCEPTED = "accepted";
    /** Same signal id already decided, or the same symbol, type and bar time already accepted from a strategy. */
    public static final String DUPLICATE = "duplicate";
    /** The symbol is not in a non-empty allowlist. */
    public static final String SYMBOL_ALLOWLIST = "symbol-allowlist";
    /** The signal's strategy is switched off. */
    public static final String STRATEGY_DISABLED = "strategy-disabled";
    /** The signal's strength is below the configured minimum. */
    public static final String MIN_STRENGTH = "min-strength";
    /** The signal's bar time is outside the trading session. */
    public static final String SESSION_HOURS = "session-hours";
    /** Too little event time since the symbol's last accepted order. */
    public static final String COOLDOWN = "cooldown";
    /** A SELL while flat would open a short and the router is long-only. */
    public static final String LONG_ONLY = "long-only";
    /** A BUY while long: no pyramiding. */
    public static final String ALREADY_LONG = "already-long";
    /** A SELL while short: no pyramiding. */
    public static final String ALREADY_SHORT = "already-short";
    /** An order of this router is still open for the symbol. */
    public static final String PENDING_ORDER = "pending-order";
    /** The router was halted by an operator ({@link SignalRouter#halt(String)}). */
    public static final String KILL_SWITCH = "kill-switch";
    /** The account's drawdown from its peak reached the limit; the router halted itself. */
    public static final String MAX_DRAWDOWN_HALT = "max-drawdown-halt";
    /** Today's loss reached the limit. */
    public static final String DAILY_LOSS_LIMIT = "daily-loss-limit";
    /** As many orders are open as the limit allows. */
    public static final String MAX_OPEN_ORDERS = "max-open-orders";
    /** The sizing gave no quantity (zero after rounding, no cash, no ATR). */
    public static final String SIZING = "sizing";
    /** The new position's quantity or notional would exceed its limit. */
    public static final String MAX_POSITION = "max-position";
    /** The account's gross exposure would exceed its limit. */
    public static final String MAX_GROSS_EXPOSURE = "max-gross-exposure";
    /** A manual BUY costs more than the cash left after the open BUY orders (Alpaca's "insufficient buying power"). */
    public static final String BUYING_POWER = "buying-power";

    private RouterRules() {
    }
}
