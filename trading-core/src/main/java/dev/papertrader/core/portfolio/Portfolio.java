package dev.papertrader.core.portfolio;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The paper accounts of one service or backtest, by id; all share one trading-day zone. Not thread-safe. */
public final class Portfolio {

    private final ZoneId tradingDayZone;
    private final Map<String, Account> accounts = new TreeMap<>();

    public Portfolio(ZoneId tradingDayZone) {
        this.tradingDayZone = Objects.requireNonNull(tradingDayZone, "tradingDayZone is required");
    }

    /** Opens a new account. @throws IllegalStateException if the id is already open */
    public Account open(String accountId, BigDecimal startingCash) {
        if (accounts.containsKey(accountId)) {
            throw new IllegalStateException("account " + accountId + " is already open");
        }
        return put(new Account(accountId, startingCash, tradingDayZone));
    }

    /** Replaces the account (or opens it) with a fresh one: no positions, no trades, an empty curve. */
    public Account reset(String accountId, BigDecimal startingCash) {
        return put(new Account(accountId, startingCash, tradingDayZone));
    }

    /** Puts back a persisted account, replacing any account with its id. */
    public Account restore(AccountState state) {
        return put(Account.restore(state));
    }

    public Optional<Account> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    /** All accounts, sorted by id. */
    public Collection<Account> accounts() {
        return Collections.unmodifiableCollection(accounts.values());
    }

    private Account put(Account account) {
        accounts.put(account.accountId(), account);
        return account;
    }
}
