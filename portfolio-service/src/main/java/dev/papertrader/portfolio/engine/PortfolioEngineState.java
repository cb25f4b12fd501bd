package dev.papertrader.portfolio.engine;

import dev.papertrader.core.portfolio.AccountState;
import java.time.Instant;
import java.util.List;

/**
 * What the portfolio engine saves in {@code engine_state} after every transaction: the last slice processed and
 * each account's {@linkplain dev.papertrader.core.portfolio.Account#compactState() compact state} (no closed trades,
 * at most three equity points), so its size does not grow with the length of the run. The trades and the equity
 * curve live in their tables.
 *
 * @param lastSlice the open time of the last slice processed; null before the first
 * @param accounts  every account, sorted by id
 */
public record PortfolioEngineState(Instant lastSlice, List<AccountState> accounts) {

    public PortfolioEngineState {
        accounts = List.copyOf(accounts);
    }
}
