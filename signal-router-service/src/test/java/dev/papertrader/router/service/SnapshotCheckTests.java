package dev.papertrader.router.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the router requires of a snapshot before it keeps it for a slice. */
class SnapshotCheckTests {

    private static final Instant AS_OF = Instant.parse("2013-01-02T00:00:00Z");

    private static PortfolioSnapshot snapshot(BigDecimal cash, BigDecimal equity, PositionSnapshot... positions) {
        return new PortfolioSnapshot("default", cash, equity, null, null, List.of(positions), AS_OF);
    }

    private static PositionSnapshot position(String symbol, String qty, String marketValue) {
        return new PositionSnapshot(symbol, qty == null ? null : new BigDecimal(qty), null, null,
                marketValue == null ? null : new BigDecimal(marketValue), null, null);
    }

    @Test
    void cashEquityAndEachPositionsSymbolQuantityAndValueAreEnough() {
        assertThat(RouterService.invalidSnapshot(snapshot(BigDecimal.TEN, BigDecimal.TEN,
                position("AAPL", "2", "160")))).isNull();
    }

    @Test
    void withoutCashOrEquityTheSnapshotIsRefused() {
        assertThat(RouterService.invalidSnapshot(snapshot(null, BigDecimal.TEN))).contains("cash and equity");
        assertThat(RouterService.invalidSnapshot(snapshot(BigDecimal.TEN, null))).contains("cash and equity");
    }

    @Test
    void aPositionWithoutQuantityOrValueIsRefused() {
        assertThat(RouterService.invalidSnapshot(snapshot(BigDecimal.TEN, BigDecimal.TEN, position("AAPL", null, "1"))))
                .contains("symbol, qty and marketValue");
        assertThat(RouterService.invalidSnapshot(snapshot(BigDecimal.TEN, BigDecimal.TEN, position("AAPL", "1", null))))
                .contains("symbol, qty and marketValue");
        assertThat(RouterService.invalidSnapshot(snapshot(BigDecimal.TEN, BigDecimal.TEN, position(null, "1", "1"))))
                .contains("symbol, qty and marketValue");
    }
}
