package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.STRATEGY;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.at;
import static dev.papertrader.core.router.Fixtures.buy;
import static dev.papertrader.core.router.Fixtures.config;
import static dev.papertrader.core.router.Fixtures.dec;
import static dev.papertrader.core.router.Fixtures.flat;
import static dev.papertrader.core.router.Fixtures.position;
import static dev.papertrader.core.router.Fixtures.sell;
import static dev.papertrader.core.router.Fixtures.signal;
import static dev.papertrader.core.router.Fixtures.snapshot;
import static dev.papertrader.core.router.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The filters: duplicate, symbol-allowlist, strategy-disabled, min-strength, session-hours, cooldown. */
class SignalRouterFilterTests {

    private static final PortfolioSnapshot FLAT = flat("10000");
    private static final PortfolioSnapshot LONG_12_AAPL = snapshot("9022", "10000", "10000", "10000",
            position("AAPL", "12", "81.5"));

    private static RouterConfig withFilters(FilterRules filters) {
        return config().withFilters(filters);
    }

    @Nested
    class Duplicate {

        @Test
        void aRedeliveredSignalIsRejectedWithTheSameDecisionIdAsTheOriginal() {
            SignalRouter router = new SignalRouter(config(), ACCOUNT);
            Signal signal = buy("AAPL", "81.5", T0);

            Decision first = router.route(signal, FLAT).decision();
            Decision again = router.route(signal, FLAT).decision();

            assertThat(first.accepted()).isTrue();
            assertThat(again.accepted()).isFalse();
            assertThat(again.rule()).isEqualTo(RouterRules.DUPLICATE);
            assertThat(again.reason()).contains(signal.id()).contains("already decided");
            assertThat(again.id()).isEqualTo(first.id());
        }

        @Test
        void aRepeatedIdIsADuplicateEvenWhenDuplicateSuppressionIsOff() {
            SignalRouter router = new SignalRouter(withFilters(FilterRules.none().withSuppressDuplicates(false)),
                    ACCOUNT);
            Signal signal = buy("AAPL", "81.5", T0);
            router.route(signal, FLAT);

            assertThat(router.route(signal, FLAT).decision().rule()).isEqualTo(RouterRules.DUPLICATE);
        }

        @Test
        void aRejectedSignalIsAlsoRememberedSoItsRedeliveryIsADuplicate() {
            SignalRouter router = new SignalRouter(withFilters(FilterRules.none().withMinStrength(dec("0.5"))),
                    ACCOUNT);
            Signal weak = signal(STRATEGY, "AAPL", SignalType.BUY, "0.2", T0, "81.5", null);

            assertThat(router.route(weak, FLAT).decision().rule()).isEqualTo(RouterRules.MIN_STRENGTH);
            assertThat(router.route(weak, FLAT).decision().rule()).isEqualTo(RouterRules.DUPLICATE);
        }

        @Test
        void theSameSymbolTypeAndBarFromAnotherStrategyIsADuplicateOfTheAcceptedOne() {
            SignalRouter router = new SignalRouter(config(), ACCOUNT);
            router.route(signal("rsi-reversion", "AAPL", SignalType.BUY, "1", T0, "81.5", null), FLAT);

            Decision second = router.route(signal("sma-cross", "AAPL", SignalType.BUY, "1", T0, "81.5", null), FLAT)
                    .decision();

            assertThat(second.rule()).isEqualTo(RouterRules.DUPLICATE);
            assertThat(second.reason()).isEqualTo(
                    "BUY AAPL at 2024-03-04T14:30:00Z was already accepted from strategy rsi-reversion");
        }

        @Test
        void withSuppressionOffTheSecondStrategyMeetsTheOpenOrderInstead() {
            SignalRouter router = new SignalRouter(withFilters(FilterRules.none().withSuppressDuplicates(false)),
                    ACCOUNT);
            router.route(signal("rsi-reversion", "AAPL", SignalType.BUY, "1", T0, "81.5", null), FLAT);

            Decision second = router.route(signal("sma-cross", "AAPL", SignalType.BUY, "1", T0, "81.5", null), FLAT)
                    .decision();

            assertThat(second.rule()).isEqualTo(RouterRules.PENDING_ORDER);
        }

        @Test
        void aSignalRejectedForItsOwnReasonsDoesNotBlockTheSameSignalFromAnotherStrategy() {
            SignalRouter router = new SignalRouter(withFilters(FilterRules.none().withMinStrength(dec("0.5"))),
                    ACCOUNT);
            Decision weak = router.route(signal("rsi-reversion", "AAPL", SignalType.BUY, "0.3", T0, "81.5", null),
                    FLAT).decision();

            Decision strong = router.route(signal("sma-cross", "AAPL", SignalType.BUY, "0.9", T0, "81.5", null),
                    FLAT).decision();

            assertThat(weak.rule()).isEqualTo(RouterRules.MIN_STRENGTH);
            assertThat(strong.accepted()).isTrue();
        }

        @Test
        void theOppositeTypeOrAnotherBarIsNotADuplicate() {
            SignalRouter router = new SignalRouter(config(), ACCOUNT);
            router.route(buy("AAPL", "81.5", T0), FLAT);
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, buy("AAPL", "81.5", T0).id()), "AAPL",
                    OrderStatus.FILLED));

            Decision exit = router.route(sell("AAPL", "82", T0), LONG_12_AAPL).decision();

            assertThat(exit.accepted()).isTrue();
        }
    }

    @Nested
    class SymbolAllowlist {

        @Test
        void aSymbolOutsideANonEmptyAllowlistIsRejected() {
            SignalRouter router = new SignalRouter(
                    withFilters(FilterRules.none().withSymbolAllowlist(Set.of("MSFT", "GOOG"))), ACCOUNT);

            Decision decision = router.route(buy("AAPL", "81.5", T0), FLAT).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.SYMBOL_ALLOWLIST);
            assertThat(decision.reason()).isEqualTo("AAPL is not in the symbol allowlist [GOOG, MSFT]");
        }

        @Test
        void aListedSymbolPassesAndAnEmptyListAllowsAll() {
            SignalRouter listed = new SignalRouter(
                    withFilters(FilterRules.none().withSymbolAllowlist(Set.of("AAPL"))), ACCOUNT);
            SignalRouter open = new SignalRouter(config(), ACCOUNT);

            assertThat(listed.route(buy("AAPL", "81.5", T0), FLAT).accepted()).isTrue();
            assertThat(open.route(buy("ZZZZ", "81.5", T0), FLAT).accepted()).isTrue();
        }

        @Test
        void exitsAreFilteredByTheAllowlistToo() {
            SignalRouter router = new SignalRouter(
                    withFilters(FilterRules.none().withSymbolAllowlist(Set.of("MSFT"))), ACCOUNT);

            Decision exit = router.route(sell("AAPL", "81.5", T0), LONG_12_AAPL).decision();

            assertThat(exit.rule()).isEqualTo(RouterRules.SYMBOL_ALLOWLIST);
        }
    }

    @Nested
    class StrategyDisabled {

        @Test
        void aDisabledStrategyIsRejectedForOpeningsAndExits() {
            SignalRouter router = new SignalRouter(
                    withFilters(FilterRules.none().withDisabledStrategies(Set.of(STRATEGY))), ACCOUNT);

            Decision opening = router.route(buy("AAPL", "81.5", T0), FLAT).decision();
            Decision exit = router.route(sell("MSFT", "81.5", T0), snapshot("0", "1000", "1000", "1000",
                    position("MSFT", "10", "100"))).decision();

            assertThat(opening.rule()).isEqualTo(RouterRules.STRATEGY_DISABLED);
            assertThat(opening.reason()).isEqualTo("strategy macd-crossover is disabled");
            assertThat(exit.rule()).isEqualTo(RouterRules.STRATEGY_DISABLED);
        }

        @Test
        void otherStrategiesStillPass() {
            SignalRouter router = new SignalRouter(
                    withFilters(FilterRules.none().withDisabledStrategies(Set.of("sma-cross"))), ACCOUNT);

            assertThat(router.route(buy("AAPL", "81.5", T0), FLAT).accepted()).isTrue();
        }
    }

    @Nested
    class MinStrength {

        private final RouterConfig minimum06 = withFilters(FilterRules.none().withMinStrength(dec("0.6")));

        @Test
        void anOpeningBelowTheMinimumIsRejected() {
            SignalRouter router = new SignalRouter(minimum06, ACCOUNT);

            Decision decision = router.route(signal(STRATEGY, "AAPL", SignalType.BUY, "0.59", T0, "81.5", null),
                    FLAT).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.MIN_STRENGTH);
            assertThat(decision.reason()).isEqualTo("strength 0.59 is below the minimum 0.6");
        }

        @Test
        void anOpeningAtExactlyTheMinimumPasses() {
            SignalRouter router = new SignalRouter(minimum06, ACCOUNT);

            assertThat(router.route(signal(STRATEGY, "AAPL", SignalType.BUY, "0.60", T0, "81.5", null), FLAT)
                    .accepted()).isTrue();
        }

        @Test
        void aWeakExitStillClosesThePosition() {
            SignalRouter router = new SignalRouter(minimum06, ACCOUNT);

            Decision exit = router.route(signal(STRATEGY, "AAPL", SignalType.SELL, "0.1", T0, "81.5", null),
                    LONG_12_AAPL).decision();

            assertThat(exit.accepted()).isTrue();
            assertThat(exit.qty()).isEqualByComparingTo("12");
        }
    }

    @Nested
    class SessionHoursFilter {

        private final RouterConfig usSession = withFilters(
                FilterRules.none().withSessionHours(SessionHours.usEquities()));

        @Test
        void theOpeningBellIsInsideTheSession() {
            // 14:30Z on 4 March 2024 is 09:30 EST: open is inclusive
            SignalRouter router = new SignalRouter(usSession, ACCOUNT);

            assertThat(router.route(buy("AAPL", "81.5", T0), FLAT).accepted()).isTrue();
        }

        @Test
        void theClosingTimeIsOutsideTheSession() {
            // 21:00Z is 16:00 EST: close is exclusive
            SignalRouter router = new SignalRouter(usSession, ACCOUNT);

            Decision decision = router.route(buy("AAPL", "81.5", Instant.parse("2024-03-04T21:00:00Z")), FLAT)
                    .decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.SESSION_HOURS);
            assertThat(decision.reason()).isEqualTo("bar time 2024-03-04T21:00:00Z is MONDAY 16:00 in "
                    + "America/New_York, outside the session 09:30-16:00 America/New_York "
                    + "[MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]");
        }

        @Test
        void aSaturdayIsOutsideTheSession() {
            SignalRouter router = new SignalRouter(usSession, ACCOUNT);

            Decision decision = router.route(buy("AAPL", "81.5", Instant.parse("2024-03-09T15:00:00Z")), FLAT)
                    .decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.SESSION_HOURS);
        }

        @Test
        void theSessionFollowsDaylightSavingTime() {
            // 13:30Z on 11 March 2024 is 09:30 EDT (clocks moved on 10 March); an hour earlier in UTC than in winter
            SignalRouter router = new SignalRouter(usSession, ACCOUNT);

            assertThat(router.route(buy("AAPL", "81.5", Instant.parse("2024-03-11T13:30:00Z")), FLAT).accepted())
                    .isTrue();
        }

        @Test
        void exitsIgnoreTheSession() {
            SignalRouter router = new SignalRouter(usSession, ACCOUNT);

            Decision exit = router.route(sell("AAPL", "81.5", Instant.parse("2024-03-09T15:00:00Z")),
                    LONG_12_AAPL).decision();

            assertThat(exit.accepted()).isTrue();
        }

        @Test
        void aSessionAcrossMidnightBelongsToTheDayItOpens() {
            // futures-like: opens 18:00 Sunday to Thursday, closes 17:00 the next day
            SessionHours overnight = new SessionHours(ZoneId.of("America/Chicago"), LocalTime.of(18, 0),
                    LocalTime.of(17, 0), EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY));
            ZoneId chicago = ZoneId.of("America/Chicago");

            // Sunday 18:00 (opens), Monday 03:00 (Sunday's session), Friday 16:59 (Thursday's session)
            assertThat(overnight.contains(java.time.LocalDateTime.of(2024, 3, 3, 18, 0).atZone(chicago).toInstant()))
                    .isTrue();
            assertThat(overnight.contains(java.time.LocalDateTime.of(2024, 3, 4, 3, 0).atZone(chicago).toInstant()))
                    .isTrue();
            assertThat(overnight.contains(java.time.LocalDateTime.of(2024, 3, 8, 16, 59).atZone(chicago).toInstant()))
                    .isTrue();
            // Monday 17:30 (daily break), Friday 18:00 (no Friday session), Sunday 10:00 (Saturday has none)
            assertThat(overnight.contains(java.time.LocalDateTime.of(2024, 3, 4, 17, 30).atZone(chicago).toInstant()))
                    .isFalse();
            assertThat(overnight.contains(java.time.LocalDateTime.of(2024, 3, 8, 18, 0).atZone(chicago).toInstant()))
                    .isFalse();
            assertThat(overnight.contains(java.time.LocalDateTime.of(2024, 3, 3, 10, 0).atZone(chicago).toInstant()))
                    .isFalse();
        }
    }

    @Nested
    class Cooldown {

        private final RouterConfig oneHour = withFilters(FilterRules.none().withCooldownPerSymbol(Duration.ofHours(1)));

        @Test
        void anOpeningTooSoonAfterTheLastAcceptedOrderIsRejectedWithTheRemainingTime() {
            SignalRouter router = new SignalRouter(oneHour, ACCOUNT);
            Signal entry = buy("AAPL", "81.5", T0);
            router.route(entry, FLAT);
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, entry.id()), "AAPL", OrderStatus.CANCELED));

            Decision decision = router.route(buy("AAPL", "81", at(Duration.ofMinutes(45))), FLAT).decision();

            assertThat(decision.rule()).isEqualTo(RouterRules.COOLDOWN);
            assertThat(decision.reason()).isEqualTo(
                    "AAPL last ordered at 2024-03-04T14:30:00Z, 45m ago; cooldown 1h, 15m remaining");
        }

        @Test
        void anOpeningExactlyOneCooldownLaterPasses() {
            SignalRouter router = new SignalRouter(oneHour, ACCOUNT);
            Signal entry = buy("AAPL", "81.5", T0);
            router.route(entry, FLAT);
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, entry.id()), "AAPL", OrderStatus.CANCELED));

            assertThat(router.route(buy("AAPL", "81", at(Duration.ofHours(1))), FLAT).accepted()).isTrue();
        }

        @Test
        void theCooldownIsPerSymbol() {
            SignalRouter router = new SignalRouter(oneHour, ACCOUNT);
            router.route(buy("AAPL", "81.5", T0), FLAT);

            assertThat(router.route(buy("MSFT", "300", at(Duration.ofMinutes(5))), FLAT).accepted()).isTrue();
        }

        @Test
        void exitsSkipTheCooldownButRestartIt() {
            SignalRouter router = new SignalRouter(oneHour, ACCOUNT);
            Signal entry = buy("AAPL", "81.5", T0);
            router.route(entry, FLAT);
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, entry.id()), "AAPL", OrderStatus.FILLED));

            Signal exit = sell("AAPL", "82", at(Duration.ofMinutes(15)));
            Decision exitDecision = router.route(exit, LONG_12_AAPL).decision();
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, exit.id()), "AAPL", OrderStatus.FILLED));
            Decision reentry = router.route(buy("AAPL", "81", at(Duration.ofMinutes(45))), FLAT).decision();

            assertThat(exitDecision.accepted()).isTrue();
            assertThat(reentry.rule()).isEqualTo(RouterRules.COOLDOWN);
            assertThat(reentry.reason()).isEqualTo(
                    "AAPL last ordered at 2024-03-04T14:45:00Z, 30m ago; cooldown 1h, 30m remaining");
        }

        @Test
        void aRejectedSignalDoesNotStartTheCooldown() {
            SignalRouter router = new SignalRouter(oneHour.withRisk(RiskLimits.none().withMaxPositionQty(dec("1"))),
                    ACCOUNT);
            Decision tooBig = router.route(buy("AAPL", "81.5", T0), FLAT).decision();

            Decision next = router.route(buy("AAPL", "800", at(Duration.ofMinutes(5))), FLAT).decision();

            assertThat(tooBig.rule()).isEqualTo(RouterRules.MAX_POSITION);
            assertThat(next.accepted()).isTrue();
        }
    }
}
