package dev.papertrader.router.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.papertrader.core.config.ModelSpecs;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.TimeInForce;
import dev.papertrader.core.router.FilterRules;
import dev.papertrader.core.router.RiskLimits;
import dev.papertrader.core.router.RouterConfig;
import dev.papertrader.core.router.SessionHours;
import dev.papertrader.core.router.Sizing;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The router configuration in force, in the form of the REST API ({@code GET/PUT /risk}) and of its stored copy
 * (table {@code router_config}): the same settings as {@link RouterServiceConfig}, which {@link #toRouterConfig()}
 * turns into trading-core's {@link RouterConfig}.
 *
 * <p>A field left out (null) takes its default, the value of an unset {@code papertrader.router.*} key: no filter
 * but duplicate suppression, no risk limit, whole units, long only, MARKET, GTC. Only {@code sizing} is required.
 *
 * @param sizing         {@code all-in}, {@code fixed-qty:QTY}, {@code fixed-notional:AMOUNT}, {@code percent:PCT},
 *                       {@code atr:RISK_PCT:ATR_MULTIPLE}
 * @param fractional     whole units when false (default), 8 decimals when true
 * @param longOnly       a SELL while flat is rejected when true (default)
 * @param orderType      MARKET (default) or LIMIT
 * @param limitOffsetBps LIMIT orders' distance from the signal price in basis points, within [0, 10000)
 * @param timeInForce    GTC (default) or DAY
 * @param filters        which signals are considered
 * @param risk           limits on openings
 */
@Schema(description = "The router's filter rules, risk limits and sizing")
public record RouterSettings(
        @NotBlank @Schema(examples = "percent:10") String sizing,
        Boolean fractional,
        Boolean longOnly,
        OrderType orderType,
        @DecimalMin("0") @DecimalMax(value = "10000", inclusive = false) BigDecimal limitOffsetBps,
        TimeInForce timeInForce,
        @Valid Filters filters,
        @Valid Risk risk) {

    public RouterSettings {
        fractional = fractional != null && fractional;
        longOnly = longOnly == null || longOnly;
        orderType = orderType == null ? OrderType.MARKET : orderType;
        limitOffsetBps = limitOffsetBps == null ? BigDecimal.ZERO : limitOffsetBps;
        timeInForce = timeInForce == null ? TimeInForce.GTC : timeInForce;
        filters = filters == null ? new Filters(null, null, null, null, null, null, null) : filters;
        risk = risk == null ? new Risk(null, null, null, null, null, null) : risk;
    }

    /**
     * Which signals are considered ({@link FilterRules}).
     *
     * @param symbolAllowlist    symbols traded; empty (default) means all
     * @param disabledStrategies strategies rejected
     * @param minStrength        openings need at least this strength, within [0, 1]; default 0
     * @param cooldown           event time between a symbol's accepted order and its next opening, ISO-8601
     *                           ({@code PT1H}); default none
     * @param suppressDuplicates reject the same symbol, type and bar time from a second strategy; default true
     * @param duplicateWindow    event time the duplicate memory keeps; default {@code P7D}
     * @param session            openings only inside this session; default none
     */
    public record Filters(
            Set<@NotBlank String> symbolAllowlist,
            Set<@NotBlank String> disabledStrategies,
            @DecimalMin("0") @DecimalMax("1") BigDecimal minStrength,
            @DurationMin(seconds = 0) @JsonFormat(shape = JsonFormat.Shape.STRING) Duration cooldown,
            Boolean suppressDuplicates,
            @DurationMin(seconds = 1) @JsonFormat(shape = JsonFormat.Shape.STRING) Duration duplicateWindow,
            @Valid Session session) {

        public Filters {
            symbolAllowlist = sorted(symbolAllowlist);
            disabledStrategies = sorted(disabledStrategies);
            minStrength = minStrength == null ? BigDecimal.ZERO : minStrength;
            cooldown = cooldown == null ? Duration.ZERO : cooldown;
            suppressDuplicates = suppressDuplicates == null || suppressDuplicates;
            duplicateWindow = duplicateWindow == null ? FilterRules.DEFAULT_DUPLICATE_WINDOW : duplicateWindow;
        }
    }

    /**
     * A trading session ({@link SessionHours}): openings from {@code open} (inclusive) to {@code close} (exclusive),
     * local time in {@code zone}, on {@code days}.
     *
     * @param zone  e.g. {@code America/New_York}
     * @param open  e.g. {@code 09:30}
     * @param close e.g. {@code 16:00}; before {@code open} for a session across midnight; must differ from it
     * @param days  default Monday to Friday
     */
    public record Session(
            @NotNull @Schema(implementation = String.class, examples = "America/New_York") ZoneId zone,
            @NotNull @Schema(implementation = String.class, examples = "09:30") LocalTime open,
            @NotNull @Schema(implementation = String.class, examples = "16:00") LocalTime close,
            @NotEmpty Set<DayOfWeek> days) {

        public Session {
            days = days == null ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)
                    : days.isEmpty() ? days : EnumSet.copyOf(days);
        }
    }

    /**
     * Limits on openings ({@link RiskLimits}); each is off when absent or zero. Percentages are in percent.
     *
     * @param maxPositionQty      largest |quantity| of a new position
     * @param maxPositionNotional largest notional of a new position
     * @param maxGrossExposure    largest gross exposure including open opening orders and the new one
     * @param maxOpenOrders       most open orders of this router
     * @param dailyLossLimitPct   openings stop while today's loss reaches this percent of day-start equity
     * @param maxDrawdownHaltPct  the router halts when the drawdown from peak equity reaches this percent
     */
    public record Risk(
            @PositiveOrZero BigDecimal maxPositionQty,
            @PositiveOrZero BigDecimal maxPositionNotional,
            @PositiveOrZero BigDecimal maxGrossExposure,
            @PositiveOrZero Integer maxOpenOrders,
            @DecimalMin("0") @DecimalMax("100") BigDecimal dailyLossLimitPct,
            @DecimalMin("0") @DecimalMax("100") BigDecimal maxDrawdownHaltPct) {

        public Risk {
            maxOpenOrders = maxOpenOrders == null ? 0 : maxOpenOrders;
        }
    }

    /** The settings that {@code papertrader.router.*} describes. */
    public static RouterSettings from(RouterServiceConfig config) {
        RouterServiceConfig.Filters f = config.filters();
        RouterServiceConfig.Session s = f.session();
        Session session = null;
        if (s.open().isPresent() || s.close().isPresent()) {
            if (s.open().isEmpty() || s.close().isEmpty()) {
                throw new InvalidSettingsException("papertrader.router.filters.session",
                        "a session needs both open and close");
            }
            session = new Session(s.zone(), s.open().get(), s.close().get(), s.days());
        }
        RouterServiceConfig.Risk r = config.risk();
        return new RouterSettings(config.sizing(), config.fractional(), config.longOnly(), config.orderType(),
                config.limitOffsetBps(), config.timeInForce(),
                new Filters(f.symbolAllowlist().orElse(null), f.disabledStrategies().orElse(null), f.minStrength(),
                        f.cooldown(), f.suppressDuplicates(), f.duplicateWindow(), session),
                new Risk(r.maxPositionQty().orElse(null), r.maxPositionNotional().orElse(null),
                        r.maxGrossExposure().orElse(null), r.maxOpenOrders(), r.dailyLossLimitPct().orElse(null),
                        r.maxDrawdownHaltPct().orElse(null)));
    }

    /**
     * The trading-core configuration these settings describe.
     *
     * @throws InvalidSettingsException naming the field, when a value is invalid (an unknown sizing spec, a STOP order
     *                                  type, a session that opens and closes at the same time...)
     */
    public RouterConfig toRouterConfig() {
        Sizing parsedSizing = check("sizing", () -> ModelSpecs.sizing(sizing));
        SessionHours hours = filters.session() == null ? null : check("filters.session", () -> new SessionHours(
                filters.session().zone(), filters.session().open(), filters.session().close(),
                filters.session().days()));
        FilterRules filterRules = check("filters", () -> new FilterRules(filters.symbolAllowlist(),
                filters.disabledStrategies(), filters.minStrength(), filters.cooldown(), filters.suppressDuplicates(),
                hours, filters.duplicateWindow()));
        RiskLimits limits = check("risk", () -> new RiskLimits(risk.maxPositionQty(), risk.maxPositionNotional(),
                risk.maxGrossExposure(), risk.maxOpenOrders(), risk.dailyLossLimitPct(), risk.maxDrawdownHaltPct()));
        if (orderType != OrderType.MARKET && orderType != OrderType.LIMIT) {
            throw new InvalidSettingsException("orderType", "the router creates MARKET or LIMIT orders, not "
                    + orderType);
        }
        return check("limitOffsetBps", () -> new RouterConfig(filterRules, limits, parsedSizing, fractional, longOnly,
                orderType, limitOffsetBps, timeInForce));
    }

    /** Sorted, so that the stored JSON and the API list them in one order. */
    private static Set<String> sorted(Set<String> values) {
        // A null element is left for Bean Validation to report (@NotBlank), not dropped.
        return values == null ? Collections.emptySortedSet()
                : values.stream().anyMatch(Objects::isNull) ? values
                : Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    private static <T> T check(String field, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(field, e.getMessage());
        }
    }

    /** A setting that trading-core refuses, with the field it is about. */
    public static final class InvalidSettingsException extends IllegalArgumentException {
        private final String field;

        public InvalidSettingsException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
