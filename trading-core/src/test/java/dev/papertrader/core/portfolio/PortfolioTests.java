package dev.papertrader.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PortfolioTests {

    private static final Instant T = Instant.parse("2024-01-02T14:30:00Z");

    @Test
    void opensAccountsByIdAndListsThemSorted() {
        Portfolio portfolio = new Portfolio(ZoneOffset.UTC);
        portfolio.open("zeta", new BigDecimal("500"));
        Account alpha = portfolio.open("alpha", new BigDecimal("1000"));

        assertThat(portfolio.account("alpha")).containsSame(alpha);
        assertThat(portfolio.account("missing")).isEmpty();
        assertThat(portfolio.accounts()).extracting(Account::accountId).containsExactly("alpha", "zeta");
        assertThat(alpha.startingCash()).isEqualByComparingTo("1000");
        assertThat(alpha.tradingDayZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void openingAnOpenIdIsRefused() {
        Portfolio portfolio = new Portfolio(ZoneOffset.UTC);
        portfolio.open("a", new BigDecimal("1000"));

        assertThatThrownBy(() -> portfolio.open("a", new BigDecimal("1000"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resetReplacesTheAccountWithAFreshOne() {
        Portfolio portfolio = new Portfolio(ZoneOffset.UTC);
        Account before = portfolio.open("a", new BigDecimal("1000"));
        before.apply(new Fill("f1", "o1", "a", "AAPL", Side.BUY, BigDecimal.ONE, new BigDecimal("10"), BigDecimal.ZERO, T));

        Account after = portfolio.reset("a", new BigDecimal("2000"));

        assertThat(after).isNotSameAs(before);
        assertThat(portfolio.account("a")).containsSame(after);
        assertThat(after.cash()).isEqualByComparingTo("2000");
        assertThat(after.positions()).isEmpty();
    }

    @Test
    void restorePutsBackAPersistedAccount() {
        Portfolio portfolio = new Portfolio(ZoneOffset.UTC);
        Account account = new Account("a", new BigDecimal("1000"), ZoneOffset.UTC);
        account.apply(new Fill("f1", "o1", "a", "AAPL", Side.BUY, BigDecimal.ONE, new BigDecimal("10"), BigDecimal.ZERO, T));

        Account restored = portfolio.restore(account.state());

        assertThat(portfolio.account("a")).containsSame(restored);
        assertThat(restored.cash()).isEqualByComparingTo("990");
        assertThat(restored.positions()).containsOnlyKeys("AAPL");
    }
}
