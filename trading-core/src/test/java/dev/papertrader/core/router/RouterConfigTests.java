package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, validation and the JSON form of the configuration. */
class RouterConfigTests {

    @Test
    void defaultsAreTenPercentWholeUnitsLongOnlyMarketGtcWithoutLimits() {
        RouterConfig defaults = RouterConfig.defaults();

        assertThat(defaults.sizing()).isEqualTo(new Sizing.PercentOfEquity(BigDecimal.TEN));
        assertThat(defaults.fractional()).isFalse();
        assertThat(defaults.longOnly()).isTrue();
        assertThat(defaults.orderType()).isEqualTo(OrderType.MARKET);
        assertThat(defaults.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(defaults.risk()).isEqualTo(RiskLimits.none());
        assertThat(defaults.filters().suppressDuplicates()).isTrue();
        assertThat(defaults.filters().cooldownPerSymbol()).isEqualTo(Duration.ZERO);
        assertThat(defaults.filters().sessionHours()).isNull();
        assertThat(defaults.filters().duplicateWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void nullOrderTypeOffsetAndTimeInForceTakeTheirDefaults() {
        RouterConfig config = new RouterConfig(FilterRules.none(), RiskLimits.none(), new Sizing.AllIn(), true, false,
                null, null, null);

        assertThat(config.orderType()).isEqualTo(OrderType.MARKET);
        assertThat(config.limitOffsetBps()).isEqualByComparingTo("0");
        assertThat(config.timeInForce()).isEqualTo(TimeInForce.GTC);
    }

    @Test
    void stopOrdersAreRefusedBecauseASignalHasNoStopPrice() {
        assertThatThrownBy(() -> RouterConfig.defaults().withOrderType(OrderType.STOP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STOP");
        assertThatThrownBy(() -> RouterConfig.defaults().withOrderType(OrderType.STOP_LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10000", "12000"})
    void aLimitOffsetOutsideZeroToTenThousandBpsIsRefused(String bps) {
        assertThatThrownBy(() -> RouterConfig.defaults().withLimitOrders(dec(bps)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limitOffsetBps");
    }

    @Test
    void riskLimitsRefuseNegativesAndPercentagesOverOneHundred() {
        assertThatThrownBy(() -> RiskLimits.none().withMaxPositionQty(dec("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPositionQty");
        assertThatThrownBy(() -> RiskLimits.none().withMaxGrossExposure(dec("-0.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskLimits.none().withMaxOpenOrders(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RiskLimits.none().withDailyLossLimitPct(dec("100.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dailyLossLimitPct");
        assertThatThrownBy(() -> RiskLimits.none().withMaxDrawdownHaltPct(dec("-5")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filterRulesRefuseImpossibleValues() {
        assertThatThrownBy(() -> FilterRules.none().withMinStrength(dec("1.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FilterRules.none().withCooldownPerSymbol(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FilterRules.none().withDuplicateWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullFiltersMeanNone() {
        FilterRules rules = new FilterRules(null, null, null, null, false, null, null);

        assertThat(rules.symbolAllowlist()).isEmpty();
        assertThat(rules.disabledStrategies()).isEmpty();
        assertThat(rules.minStrength()).isEqualByComparingTo("0");
        assertThat(rules.cooldownPerSymbol()).isZero();
        assertThat(rules.allowsSymbol("ANY")).isTrue();
    }

    @Test
    void sessionHoursNeedDaysAndDistinctTimes() {
        ZoneId ny = ZoneId.of("America/New_York");
        assertThatThrownBy(() -> new SessionHours(ny, LocalTime.NOON, LocalTime.NOON, Set.of(DayOfWeek.MONDAY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionHours(ny, LocalTime.NOON, LocalTime.MIDNIGHT, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizingsRefuseNonPositiveParameters() {
        assertThatThrownBy(() -> new Sizing.FixedQuantity(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sizing.FixedNotional(dec("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sizing.PercentOfEquity(dec("101"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sizing.AtrRisk(dec("1"), BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySizingSurvivesJson() {
        for (Sizing sizing : new Sizing[] {new Sizing.FixedQuantity(dec("3")), new Sizing.FixedNotional(dec("1500.5")),
                new Sizing.PercentOfEquity(dec("12.5")), new Sizing.AtrRisk(dec("0.75"), dec("2")), new Sizing.AllIn()}) {
            String json = JsonCodec.encode(sizing);
            assertThat(JsonCodec.decode(json, Sizing.class)).as(json).isEqualTo(sizing);
        }
    }

    @Test
    void aFullConfigSurvivesJson() {
        RouterConfig config = RouterConfig.defaults()
                .withFilters(FilterRules.none().withSymbolAllowlist(Set.of("AAPL", "MSFT"))
                        .withDisabledStrategies(Set.of("rsi")).withMinStrength(dec("0.4"))
                        .withCooldownPerSymbol(Duration.ofMinutes(90)).withSessionHours(SessionHours.usEquities())
                        .withSuppressDuplicates(false))
                .withRisk(new RiskLimits(dec("100"), dec("25000"), dec("90000"), 5, dec("3"), dec("20")))
                .withSizing(new Sizing.AtrRisk(dec("1"), dec("2.5"))).withFractional(true).withLongOnly(false)
                .withLimitOrders(dec("10")).withTimeInForce(TimeInForce.DAY);

        String json = JsonCodec.encode(config);

        assertThat(json).contains("\"kind\":\"atr-risk\"");
        assertThat(JsonCodec.decode(json, RouterConfig.class)).isEqualTo(config);
    }
}
