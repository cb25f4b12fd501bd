package dev.papertrader.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.TimeInForce;
import dev.papertrader.core.router.FilterRules;
import dev.papertrader.core.router.RiskLimits;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.SessionHours;
import dev.papertrader.core.router.Sizing;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The router settings: defaults, conversion to trading-core's RouterConfig, errors naming their field, JSON. */
class RouterSettingsTests {

    private static RouterSettings sizingOnly(String sizing) {
        return new RouterSettings(sizing, null, null, null, null, null, null, null);
    }

    @Test
    void leftOutFieldsTakeTheDefaultsOfTheCore() {
        RouterConfig config = sizingOnly("percent:10").toRouterConfig();

        assertThat(config).isEqualTo(RouterConfig.defaults());
    }

    @Test
    void everySettingReachesTheRouterConfig() {
        RouterSettings settings = new RouterSettings("atr:1:2", true, false, OrderType.LIMIT, new BigDecimal("25"),
                TimeInForce.DAY,
                new RouterSettings.Filters(Set.of("MSFT", "AAPL"), Set.of("rsi-divergence"), new BigDecimal("0.5"),
                        Duration.ofHours(1), false, Duration.ofDays(2),
                        new RouterSettings.Session(ZoneId.of("America/New_York"), LocalTime.of(9, 30),
                                LocalTime.of(16, 0), null)),
                new RouterSettings.Risk(new BigDecimal("100"), new BigDecimal("5000"), new BigDecimal("20000"), 3,
                        new BigDecimal("2"), new BigDecimal("10")));

        RouterConfig config = settings.toRouterConfig();

        assertThat(config).isEqualTo(new RouterConfig(
                new FilterRules(Set.of("AAPL", "MSFT"), Set.of("rsi-divergence"), new BigDecimal("0.5"),
                        Duration.ofHours(1), false, SessionHours.usEquities(), Duration.ofDays(2)),
                new RiskLimits(new BigDecimal("100"), new BigDecimal("5000"), new BigDecimal("20000"), 3,
                        new BigDecimal("2"), new BigDecimal("10")),
                new Sizing.AtrRisk(BigDecimal.ONE, new BigDecimal("2")), true, false, OrderType.LIMIT,
                new BigDecimal("25"), TimeInForce.DAY));
    }

    @Test
    void theDefaultsAreFilledInForTheApi() {
        RouterSettings settings = sizingOnly("all-in");

        assertThat(settings.fractional()).isFalse();
        assertThat(settings.longOnly()).isTrue();
        assertThat(settings.orderType()).isEqualTo(OrderType.MARKET);
        assertThat(settings.limitOffsetBps()).isEqualByComparingTo("0");
        assertThat(settings.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(settings.filters().suppressDuplicates()).isTrue();
        assertThat(settings.filters().cooldown()).isEqualTo(Duration.ZERO);
        assertThat(settings.filters().duplicateWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.filters().symbolAllowlist()).isEmpty();
        assertThat(settings.filters().session()).isNull();
        assertThat(settings.risk().maxOpenOrders()).isZero();
        assertThat(settings.risk().maxPositionQty()).isNull();
    }

    @Test
    void aSessionWithoutDaysOpensMondayToFriday() {
        RouterSettings.Session session = new RouterSettings.Session(ZoneId.of("UTC"), LocalTime.of(8, 0),
                LocalTime.of(17, 0), null);

        assertThat(session.days()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    @Test
    void anUnknownSizingIsAnErrorOfTheSizingField() {
        assertThatThrownBy(() -> sizingOnly("kelly:2").toRouterConfig())
                .isInstanceOfSatisfying(RouterSettings.InvalidSettingsException.class,
                        e -> assertThat(e.field()).isEqualTo("sizing"))
                .hasMessageContaining("unknown sizing model 'kelly:2'");
    }

    @Test
    void aPercentOverAHundredIsAnErrorOfTheSizingField() {
        assertThatThrownBy(() -> sizingOnly("percent:150").toRouterConfig())
                .isInstanceOfSatisfying(RouterSettings.InvalidSettingsException.class,
                        e -> assertThat(e.field()).isEqualTo("sizing"))
                .hasMessageContaining("at most 100");
    }

    @Test
    void stopOrdersAreAnErrorOfTheOrderTypeField() {
        RouterSettings settings = new RouterSettings("percent:10", null, null, OrderType.STOP, null, null, null, null);

        assertThatThrownBy(settings::toRouterConfig)
                .isInstanceOfSatisfying(RouterSettings.InvalidSettingsException.class,
                        e -> assertThat(e.field()).isEqualTo("orderType"));
    }

    @Test
    void aSessionThatOpensWhenItClosesIsAnErrorOfTheSessionField() {
        RouterSettings settings = new RouterSettings("percent:10", null, null, null, null, null,
                new RouterSettings.Filters(null, null, null, null, null, null,
                        new RouterSettings.Session(ZoneId.of("UTC"), LocalTime.NOON, LocalTime.NOON, null)),
                null);

        assertThatThrownBy(settings::toRouterConfig)
                .isInstanceOfSatisfying(RouterSettings.InvalidSettingsException.class,
                        e -> assertThat(e.field()).isEqualTo("filters.session"))
                .hasMessageContaining("open and close must differ");
    }

    @Test
    void theJsonFormWritesDurationsAsIsoTextAndReadsBackEqual() {
        RouterSettings settings = new RouterSettings("fixed-qty:5", null, null, null, null, null,
                new RouterSettings.Filters(Set.of("AAPL"), null, null, Duration.ofMinutes(90), null, null,
                        new RouterSettings.Session(ZoneId.of("Europe/London"), LocalTime.of(8, 0),
                                LocalTime.of(16, 30), EnumSet.of(DayOfWeek.MONDAY))),
                new RouterSettings.Risk(null, null, null, 2, null, null));

        String json = JsonCodec.encode(settings);

        assertThat(json).contains("\"cooldown\":\"PT1H30M\"", "\"duplicateWindow\":\"PT168H\"",
                "\"zone\":\"Europe/London\"", "\"open\":\"08:00:00\"");
        assertThat(JsonCodec.decode(json, RouterSettings.class)).isEqualTo(settings);
    }
}
