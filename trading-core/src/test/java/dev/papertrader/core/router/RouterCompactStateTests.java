package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.at;
import static dev.papertrader.core.router.Fixtures.buy;
import static dev.papertrader.core.router.Fixtures.config;
import static dev.papertrader.core.router.Fixtures.dec;
import static dev.papertrader.core.router.Fixtures.flat;
import static dev.papertrader.core.router.Fixtures.signal;
import static dev.papertrader.core.router.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.router.RouterState.DecidedSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SignalRouter#compactState()} and {@link SignalRouter#restore(RouterConfig, String, RouterState, List)}: the
 * compact state leaves the duplicate memory out, and a router restored from it plus the signals decided within the
 * duplicate window ({@link DecisionLog}, what the router service's decisions table gives) decides exactly like the
 * router that kept running: the same decisions with the same rules and reasons.
 */
class RouterCompactStateTests {

    private static final Duration WINDOW = Duration.ofHours(6);
    private static final PortfolioSnapshot FLAT = flat("100000");

    /** Suppression off, so that two strategies can both have the same key accepted; a short window. */
    private static final RouterConfig NO_SUPPRESSION = config().withSizing(new Sizing.FixedQuantity(dec("1")))
            .withFilters(FilterRules.none().withSuppressDuplicates(false).withDuplicateWindow(WINDOW));
    private static final RouterConfig SUPPRESSION = NO_SUPPRESSION.withFilters(
            NO_SUPPRESSION.filters().withSuppressDuplicates(true));

    /** A router and its decision log, side by side; every decision is recorded as the service would store it. */
    private static final class Logged {
        SignalRouter router;
        final DecisionLog log = new DecisionLog();

        Logged(RouterConfig config) {
            router = new SignalRouter(config, ACCOUNT);
        }

        RoutingResult route(Signal signal) {
            RoutingResult result = router.route(signal, FLAT);
            log.record(signal, result);
            return result;
        }

        void close(Signal signal) {
            router.onExecution(status(SignalRouter.orderId(ACCOUNT, signal.id()), signal.symbol(),
                    OrderStatus.FILLED));
        }

        /** A restart: only the compact state (through JSON) and the decisions of the window survive. */
        SignalRouter restarted() {
            RouterState stored = JsonCodec.decode(JsonCodec.encode(router.compactState()), RouterState.class);
            return SignalRouter.restore(router.config(), ACCOUNT, stored,
                    log.remembered(router.config().filters().duplicateWindow()));
        }
    }

    /** Routes {@code signals} through both routers and returns (rule, reason) pairs of each, which must be equal. */
    private static List<String> decide(SignalRouter original, SignalRouter restored, Signal... signals) {
        List<String> decisions = new ArrayList<>();
        for (Signal signal : signals) {
            RoutingResult expected = original.route(signal, FLAT);
            RoutingResult actual = restored.route(signal, FLAT);
            assertThat(actual).as("decision about %s", signal.id()).isEqualTo(expected);
            decisions.add(expected.decision().rule() + ": " + expected.decision().reason());
        }
        assertThat(restored.compactState()).isEqualTo(original.compactState());
        return decisions;
    }

    @Test
    void theCompactStateLeavesOutTheDuplicateMemoryAndKeepsTheRest() {
        Logged running = new Logged(NO_SUPPRESSION);
        Signal aapl = buy("AAPL", "100", T0);
        running.route(aapl);
        Signal msft = buy("MSFT", "300", at(Duration.ofMinutes(1)));
        running.route(msft);
        running.close(msft);
        running.router.halt("desk closed");

        RouterState full = running.router.state();
        RouterState compact = running.router.compactState();

        assertThat(full.seenSignals()).containsOnlyKeys(aapl.id(), msft.id());
        assertThat(full.acceptedSignals()).hasSize(2);
        assertThat(compact.seenSignals()).isEmpty();
        assertThat(compact.acceptedSignals()).isEmpty();
        assertThat(compact.openOrders()).isEqualTo(full.openOrders()).hasSize(1);
        assertThat(compact.lastAcceptedAt()).isEqualTo(full.lastAcceptedAt())
                .isEqualTo(Map.of("AAPL", T0, "MSFT", at(Duration.ofMinutes(1))));
        assertThat(compact.halted()).isTrue();
        assertThat(compact.haltReason()).isEqualTo("desk closed");
        String json = JsonCodec.encode(compact);
        assertThat(json).doesNotContain(aapl.id()).doesNotContain(msft.id());
    }

    @Test
    void theCompactStateDoesNotGrowWithTheSignalsDecided() {
        Logged running = new Logged(NO_SUPPRESSION);
        running.route(signal("s", "AAPL", SignalType.SELL, "1", T0, "10", null));
        String afterOne = JsonCodec.encode(running.router.compactState());
        for (int minute = 1; minute < 200; minute++) {
            Signal signal = signal("s" + minute, "AAPL", SignalType.SELL, "1", at(Duration.ofMinutes(minute)), "10",
                    null);
            // long-only and flat: every one is rejected, so nothing but the duplicate memory changes
            assertThat(running.route(signal).decision().rule()).isEqualTo(RouterRules.LONG_ONLY);
        }

        assertThat(running.router.state().seenSignals()).hasSize(200);
        // the same but for the memory's bounds (newestBarTime, forgottenBefore), timestamps of the same length
        assertThat(JsonCodec.encode(running.router.compactState())).hasSameSizeAs(afterOne);
    }

    @Test
    void aSignalIdDecidedBeforeTheRestartIsStillADuplicate() {
        Logged running = new Logged(SUPPRESSION);
        Signal accepted = buy("AAPL", "100", T0);
        Signal rejected = signal("weak", "MSFT", SignalType.SELL, "1", T0, "300", null); // long-only
        running.route(accepted);
        running.route(rejected);
        SignalRouter restored = running.restarted();

        List<String> decisions = decide(running.router, restored, accepted, rejected);

        assertThat(decisions).allSatisfy(decision -> assertThat(decision).startsWith(RouterRules.DUPLICATE + ": "));
        assertThat(decisions.get(1)).contains("signal " + rejected.id()).endsWith("was already decided");
    }

    @Test
    void aCrossStrategyDuplicateIsStillSuppressedNamingTheFirstStrategyAccepted() {
        // Suppression off while two strategies get the same key accepted: "zeta" first, then "alpha" (which sorts
        // before it, so only the decision order tells which came first).
        Logged running = new Logged(NO_SUPPRESSION);
        Signal zeta = signal("zeta", "AAPL", SignalType.BUY, "1", T0, "100", null);
        Signal alpha = signal("alpha", "AAPL", SignalType.BUY, "1", T0, "100", null);
        assertThat(running.route(zeta).accepted()).isTrue();
        running.close(zeta);
        assertThat(running.route(alpha).accepted()).isTrue();
        running.close(alpha);
        running.router.updateConfig(SUPPRESSION);
        SignalRouter restored = running.restarted();
        Signal third = signal("third", "AAPL", SignalType.BUY, "1", T0, "100", null);
        Signal otherBar = signal("third", "AAPL", SignalType.BUY, "1", at(Duration.ofMinutes(1)), "100", null);

        List<String> decisions = decide(running.router, restored, third, otherBar);

        assertThat(decisions.get(0)).isEqualTo(RouterRules.DUPLICATE + ": BUY AAPL at " + T0
                + " was already accepted from strategy zeta");
        assertThat(decisions.get(1)).startsWith(RouterRules.ACCEPTED + ": ");
    }

    @Test
    void aRejectedSignalDoesNotSuppressAnotherStrategyAfterTheRestart() {
        Logged running = new Logged(SUPPRESSION.withFilters(SUPPRESSION.filters()
                .withDisabledStrategies(Set.of("off"))));
        Signal disabled = signal("off", "AAPL", SignalType.BUY, "1", T0, "100", null);
        assertThat(running.route(disabled).decision().rule()).isEqualTo(RouterRules.STRATEGY_DISABLED);
        SignalRouter restored = running.restarted();

        List<String> decisions = decide(running.router, restored,
                signal("on", "AAPL", SignalType.BUY, "1", T0, "100", null));

        assertThat(decisions).singleElement().asString().startsWith(RouterRules.ACCEPTED + ": ");
    }

    @Test
    void signalsOlderThanTheWindowAreForgottenAfterTheRestartAsBefore() {
        Logged running = new Logged(SUPPRESSION);
        Signal old = buy("AAPL", "100", T0);
        Signal recent = buy("MSFT", "300", at(Duration.ofHours(3)));
        running.route(old);
        running.close(old);
        running.route(recent);
        running.close(recent);
        // The newest decided bar is now T0 + 7h: T0 is out of the 6 h window, T0 + 3h within it.
        Signal newest = buy("GOOG", "50", at(Duration.ofHours(7)));
        running.route(newest);
        running.close(newest);
        assertThat(running.log.remembered(WINDOW)).extracting(DecidedSignal::signalId)
                .containsExactly(recent.id(), newest.id());
        SignalRouter restored = running.restarted();
        Signal otherStrategyRecent = signal("other", "MSFT", SignalType.BUY, "1", at(Duration.ofHours(3)), "300",
                null);

        List<String> decisions = decide(running.router, restored, old, recent, otherStrategyRecent,
                // T0 is forgotten, so the old AAPL signal is decided anew. T0 + 10h then moves the window past T0 + 3h: the
        // MSFT signal is forgotten and decided anew too
                buy("TSLA", "20", at(Duration.ofHours(10))), recent);

        assertThat(decisions).extracting(d -> d.substring(0, d.indexOf(':'))).containsExactly(RouterRules.ACCEPTED,
                RouterRules.DUPLICATE, RouterRules.DUPLICATE, RouterRules.ACCEPTED, RouterRules.ACCEPTED);
    }

    @Test
    void aWindowWidenedAfterSignalsWereForgottenDoesNotBringThemBack() {
        Logged running = new Logged(SUPPRESSION.withFilters(SUPPRESSION.filters()
                .withDuplicateWindow(Duration.ofHours(1))));
        Signal old = buy("AAPL", "100", T0);
        running.route(old);
        running.close(old);
        Signal later = buy("MSFT", "300", at(Duration.ofHours(3)));
        running.route(later); // forgets the AAPL signal: more than an hour before
        running.close(later);
        running.router.updateConfig(SUPPRESSION); // 6 hours: the decisions table still has the AAPL row within it
        assertThat(running.log.remembered(WINDOW)).extracting(DecidedSignal::signalId).contains(old.id());
        SignalRouter restored = running.restarted();

        List<String> decisions = decide(running.router, restored, old, later);

        assertThat(decisions).extracting(d -> d.substring(0, d.indexOf(':')))
                .containsExactly(RouterRules.ACCEPTED, RouterRules.DUPLICATE);
    }

    @Test
    void aRepeatedIdWithALaterBarTimeMovesTheWindowAsBefore() {
        Logged running = new Logged(SUPPRESSION);
        Signal first = buy("AAPL", "100", T0);
        running.route(first);
        running.close(first);
        Signal second = buy("MSFT", "300", at(Duration.ofHours(5)));
        running.route(second);
        running.close(second);
        // The id of the second again, from a bar 8 hours on: a duplicate that is not remembered, yet it moves the
        // window to T0 + 2h and the first signal is forgotten
        Signal sameIdLater = new Signal(second.id(), "other", "GOOG", SignalType.BUY, dec("1"),
                at(Duration.ofHours(8)), dec("50"), at(Duration.ofHours(8)), null);
        assertThat(running.route(sameIdLater).decision().rule()).isEqualTo(RouterRules.DUPLICATE);
        // the decisions table's newest bar is T0 + 5h: its window still holds the first signal's row
        assertThat(running.log.remembered(WINDOW)).extracting(DecidedSignal::signalId).contains(first.id());
        SignalRouter restored = running.restarted();

        List<String> decisions = decide(running.router, restored, first, second);

        assertThat(decisions).extracting(d -> d.substring(0, d.indexOf(':')))
                .containsExactly(RouterRules.ACCEPTED, RouterRules.DUPLICATE);
    }

    @Test
    void aLateSignalDecidedBeforeTheRestartIsRemembered() {
        Logged running = new Logged(SUPPRESSION);
        Signal now = buy("AAPL", "100", at(Duration.ofHours(2)));
        running.route(now);
        running.close(now);
        Signal late = signal("late", "MSFT", SignalType.BUY, "1", at(Duration.ofHours(1)), "300", null);
        assertThat(running.route(late).accepted()).isTrue();
        running.close(late);
        SignalRouter restored = running.restarted();

        List<String> decisions = decide(running.router, restored, late,
                signal("other", "MSFT", SignalType.BUY, "1", at(Duration.ofHours(1)), "300", null));

        assertThat(decisions).extracting(d -> d.substring(0, d.indexOf(':')))
                .containsExactly(RouterRules.DUPLICATE, RouterRules.DUPLICATE);
    }

    @Test
    void anOlderFullStateIsMergedWithTheDecisions() {
        Logged running = new Logged(NO_SUPPRESSION);
        Signal zeta = signal("zeta", "AAPL", SignalType.BUY, "1", T0, "100", null);
        Signal alpha = signal("alpha", "AAPL", SignalType.BUY, "1", T0, "100", null);
        running.route(zeta);
        running.close(zeta);
        // Saved in the old format here; the decision after it is only in the decisions table.
        RouterState full = JsonCodec.decode(JsonCodec.encode(running.router.state()), RouterState.class);
        running.route(alpha);
        running.close(alpha);
        running.router.updateConfig(SUPPRESSION);
        // The full state as stored before the last decision, with the compact parts of now, in the JSON of a version
        // that kept neither newestBarTime nor forgottenBefore
        String json = JsonCodec.encode(new RouterState(running.router.compactState().openOrders(),
                running.router.compactState().lastAcceptedAt(), full.seenSignals(), full.acceptedSignals(), false,
                null, null, null, null)).replaceAll(",?\"(newestBarTime|forgottenBefore)\":null", "");
        assertThat(json).doesNotContain("newestBarTime").doesNotContain("forgottenBefore");
        RouterState older = JsonCodec.decode(json, RouterState.class);
        SignalRouter restored = SignalRouter.restore(SUPPRESSION, ACCOUNT, older, running.log.remembered(WINDOW));

        List<String> decisions = decide(running.router, restored, zeta, alpha,
                signal("third", "AAPL", SignalType.BUY, "1", T0, "100", null));

        assertThat(decisions).extracting(d -> d.substring(0, d.indexOf(':'))).containsOnly(RouterRules.DUPLICATE);
        assertThat(decisions.get(2)).endsWith("was already accepted from strategy zeta");
        assertThat(restored.state()).isEqualTo(running.router.state());
    }

    @Test
    void aManualOrderRemembersNoSignal() {
        Logged running = new Logged(SUPPRESSION);
        running.route(buy("MSFT", "300", T0));
        RouterState before = running.router.state();

        Decision manual = running.router.checkManual(List.of(Order.market("manual-1", null, ACCOUNT, "AAPL", Side.BUY,
                dec("1"), T0)), dec("100"), FLAT, T0);

        assertThat(manual.accepted()).isTrue();

        assertThat(running.router.state().seenSignals()).isEqualTo(before.seenSignals());
        assertThat(running.router.state().acceptedSignals()).isEqualTo(before.acceptedSignals());
    }
}
