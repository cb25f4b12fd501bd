package dev.papertrader.core.router;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which signals the router considers at all. Exits (orders that close a position) are subject only to the
 * duplicate, allowlist and strategy filters; openings to all of them (see {@link SignalRouter}).
 *
 * @param symbolAllowlist    symbols the router trades; empty means every symbol
 * @param disabledStrategies strategies whose signals are rejected ({@code strategy-disabled})
 * @param minStrength        openings need {@code signal.strength ≥ minStrength}; in [0, 1]; null or 0 disables
 * @param cooldownPerSymbol  openings need at least this much event time since the symbol's last accepted order
 *                           ({@code signal.barTime − lastAcceptedBarTime ≥ cooldown}); null or {@link Duration#ZERO}
 *                           disables
 * @param suppressDuplicates when true, a signal with the same symbol, type and bar time as one already accepted
 *                           (from any strategy) is rejected as {@code duplicate}. A repeated signal id is always a
 *                           duplicate, whatever this flag says, since its order would repeat the same order id.
 * @param sessionHours       openings need the signal's bar time inside this session; null means always open
 * @param duplicateWindow    how much event time the duplicate memory keeps: signal ids and accepted keys whose bar
 *                           time is older than the newest bar time seen minus this window are forgotten (a signal
 *                           that old is routed as new). Null means {@link #DEFAULT_DUPLICATE_WINDOW}.
 */
public record FilterRules(Set<String> symbolAllowlist, Set<String> disabledStrategies, BigDecimal minStrength,
        Duration cooldownPerSymbol, boolean suppressDuplicates, SessionHours sessionHours,
        Duration duplicateWindow) {

    /** Seven days of event time: ample for at-least-once redelivery, small enough for five-minute bars. */
    public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofDays(7);

    public FilterRules {
        symbolAllowlist = sortedCopy(symbolAllowlist);
        disabledStrategies = sortedCopy(disabledStrategies);
        minStrength = minStrength == null ? BigDecimal.ZERO : minStrength;
        if (minStrength.signum() < 0 || minStrength.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("minStrength must be within [0, 1], was " + minStrength.toPlainString());
        }
        cooldownPerSymbol = cooldownPerSymbol == null ? Duration.ZERO : cooldownPerSymbol;
        if (cooldownPerSymbol.isNegative()) {
            throw new IllegalArgumentException("cooldownPerSymbol must not be negative, was " + cooldownPerSymbol);
        }
        duplicateWindow = duplicateWindow == null ? DEFAULT_DUPLICATE_WINDOW : duplicateWindow;
        if (duplicateWindow.isNegative() || duplicateWindow.isZero()) {
            throw new IllegalArgumentException("duplicateWindow must be positive, was " + duplicateWindow);
        }
    }

    /** The six filters of the contract, with the default duplicate window. */
    public FilterRules(Set<String> symbolAllowlist, Set<String> disabledStrategies, BigDecimal minStrength,
            Duration cooldownPerSymbol, boolean suppressDuplicates, SessionHours sessionHours) {
        this(symbolAllowlist, disabledStrategies, minStrength, cooldownPerSymbol, suppressDuplicates, sessionHours,
                DEFAULT_DUPLICATE_WINDOW);
    }

    /** Every symbol and strategy, any strength, no cooldown, duplicates suppressed, always in session. */
    public static FilterRules none() {
        return new FilterRules(Set.of(), Set.of(), BigDecimal.ZERO, Duration.ZERO, true, null);
    }

    public FilterRules withSymbolAllowlist(Set<String> symbols) {
        return new FilterRules(symbols, disabledStrategies, minStrength, cooldownPerSymbol, suppressDuplicates,
                sessionHours, duplicateWindow);
    }

    public FilterRules withDisabledStrategies(Set<String> strategies) {
        return new FilterRules(symbolAllowlist, strategies, minStrength, cooldownPerSymbol, suppressDuplicates,
                sessionHours, duplicateWindow);
    }

    public FilterRules withMinStrength(BigDecimal strength) {
        return new FilterRules(symbolAllowlist, disabledStrategies, strength, cooldownPerSymbol, suppressDuplicates,
                sessionHours, duplicateWindow);
    }

    public FilterRules withCooldownPerSymbol(Duration cooldown) {
        return new FilterRules(symbolAllowlist, disabledStrategies, minStrength, cooldown, suppressDuplicates,
                sessionHours, duplicateWindow);
    }

    public FilterRules withSuppressDuplicates(boolean suppress) {
        return new FilterRules(symbolAllowlist, disabledStrategies, minStrength, cooldownPerSymbol, suppress,
                sessionHours, duplicateWindow);
    }

    public FilterRules withSessionHours(SessionHours hours) {
        return new FilterRules(symbolAllowlist, disabledStrategies, minStrength, cooldownPerSymbol, suppressDuplicates,
                hours, duplicateWindow);
    }

    public FilterRules withDuplicateWindow(Duration window) {
        return new FilterRules(symbolAllowlist, disabledStrategies, minStrength, cooldownPerSymbol, suppressDuplicates,
                sessionHours, window);
    }

    /** True when the allowlist is empty or names the symbol. */
    public boolean allowsSymbol(String symbol) {
        return symbolAllowlist.isEmpty() || symbolAllowlist.contains(symbol);
    }

    private static Set<String> sortedCopy(Set<String> values) {
        // Sorted so that toString and JSON are the same on every run.
        return values == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
