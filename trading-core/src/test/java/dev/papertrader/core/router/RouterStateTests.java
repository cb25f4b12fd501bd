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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.router.RouterState.AcceptedSignal;
import dev.papertrader.core.router.RouterState.OpenOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** state() and restore(): a restarted router decides exactly as the one that stopped; same input, same output. */
class RouterStateTests {

    /** One thing that happens to a router. */
    private sealed interface Step {
    }

    private record Route(Signal signal, PortfolioSnapshot portfolio) implements Step {
    }

    private record Execute(ExecutionEvent event) implements Step {
    }

    private record Resume() implements Step {
    }

    private static final RouterConfig CONFIG = config()
            .withFilters(FilterRules.none().withCooldownPerSymbol(Duration.ofHours(2)).withMinStrength(dec("0.3"))
                    .withDuplicateWindow(Duration.ofDays(1)))
            .withRisk(RiskLimits.none().withMaxOpenOrders(2).withMaxDrawdownHaltPct(dec("15")))
            .withLongOnly(false);

    private static String orderOf(Signal signal) {
        return SignalRouter.orderId(ACCOUNT, signal.id());
    }

    /** A day of trading touching every piece of state: open orders, cooldowns, duplicates, halt and resume. */
    private static List<Step> scenario() {
        Signal aaplEntry = buy("AAPL", "81.5", T0);
        Signal msftShort = sell("MSFT", "300", T0);
        Signal aaplOther = signal("sma-cross", "AAPL", SignalType.BUY, "1", T0, "81.5", null);
        Signal googEntry = buy("GOOG", "100", at(Duration.ofHours(1)));
        Signal aaplExit = sell("AAPL", "83", at(Duration.ofHours(1)));
        Signal aaplReentry = buy("AAPL", "82", at(Duration.ofHours(2)));
        Signal aaplLater = buy("AAPL", "82", at(Duration.ofHours(4)));
        Signal nvdaInDrawdown = buy("NVDA", "50", at(Duration.ofHours(5)));
        Signal amznAfterRecovery = buy("AMZN", "100", at(Duration.ofHours(6)));
        Signal nextDay = buy("TSLA", "200", at(Duration.ofDays(2)));
        PortfolioSnapshot flat = flat("10000");
        PortfolioSnapshot longAapl = snapshot("9022", "10000", "10000", "10000", position("AAPL", "12", "81.5"));
        PortfolioSnapshot inDrawdown = snapshot("8000", "8000", "10000", "10000");
        List<Step> steps = new ArrayList<>();
        steps.add(new Route(aaplEntry, flat));
        steps.add(new Route(msftShort, flat));
        steps.add(new Route(aaplOther, flat));
        steps.add(new Route(aaplEntry, flat));
        steps.add(new Route(googEntry, flat));
        steps.add(new Execute(status(orderOf(aaplEntry), "AAPL", OrderStatus.FILLED)));
        steps.add(new Route(aaplExit, longAapl));
        steps.add(new Execute(status(orderOf(msftShort), "MSFT", OrderStatus.CANCELED)));
        steps.add(new Execute(status(orderOf(aaplExit), "AAPL", OrderStatus.FILLED)));
        steps.add(new Route(aaplReentry, flat));
        steps.add(new Route(aaplLater, flat));
        steps.add(new Execute(status(orderOf(aaplLater), "AAPL", OrderStatus.EXPIRED)));
        steps.add(new Route(nvdaInDrawdown, inDrawdown));
        steps.add(new Route(amznAfterRecovery, flat));
        steps.add(new Resume());
        steps.add(new Route(amznAfterRecovery, flat));
        steps.add(new Route(buy("AMZN", "100", at(Duration.ofHours(7))), flat));
        steps.add(new Route(nextDay, flat));
        steps.add(new Route(aaplEntry, flat));
        return steps;
    }

    private static List<RoutingResult> run(SignalRouter router, List<Step> steps) {
        List<RoutingResult> results = new ArrayList<>();
        for (Step step : steps) {
            switch (step) {
                case Route route -> results.add(router.route(route.signal(), route.portfolio()));
                case Execute execute -> router.onExecution(execute.event());
                case Resume resume -> router.resume();
            }
        }
        return results;
    }

    @Test
    void theScenarioExercisesTheRulesItIsMeantTo() {
        List<String> rules = run(new SignalRouter(CONFIG, ACCOUNT), scenario()).stream()
                .map(result -> result.decision().rule()).toList();

        assertThat(rules).containsExactly(RouterRules.ACCEPTED, RouterRules.ACCEPTED, RouterRules.DUPLICATE,
                RouterRules.DUPLICATE, RouterRules.MAX_OPEN_ORDERS, RouterRules.ACCEPTED, RouterRules.COOLDOWN,
                RouterRules.ACCEPTED, RouterRules.MAX_DRAWDOWN_HALT, RouterRules.MAX_DRAWDOWN_HALT,
                // a signal rejected while halted stays decided; the old AAPL signal, forgotten after a day, meets the
                // cooldown of the later AAPL order
                RouterRules.DUPLICATE, RouterRules.ACCEPTED, RouterRules.ACCEPTED, RouterRules.COOLDOWN);
    }

    @Test
    void aRouterRestoredAtAnyPointDecidesLikeTheOneThatKeptRunning() {
        List<Step> steps = scenario();
        SignalRouter uninterrupted = new SignalRouter(CONFIG, ACCOUNT);
        List<RoutingResult> expected = run(uninterrupted, steps);

        for (int split = 0; split <= steps.size(); split++) {
            SignalRouter before = new SignalRouter(CONFIG, ACCOUNT);
            List<RoutingResult> results = new ArrayList<>(run(before, steps.subList(0, split)));
            String saved = JsonCodec.encode(before.state());
            SignalRouter after = SignalRouter.restore(CONFIG, ACCOUNT, JsonCodec.decode(saved, RouterState.class));
            results.addAll(run(after, steps.subList(split, steps.size())));

            assertThat(results).as("restarted after step %d", split).isEqualTo(expected);
            assertThat(after.state()).as("state after restart at step %d", split).isEqualTo(uninterrupted.state());
        }
    }

    /** {@link #run}, recording each decision in {@code log} as the router service's decisions table does. */
    private static List<RoutingResult> run(SignalRouter router, List<Step> steps, DecisionLog log) {
        List<RoutingResult> results = new ArrayList<>();
        for (Step step : steps) {
            switch (step) {
                case Route route -> {
                    RoutingResult result = router.route(route.signal(), route.portfolio());
                    log.record(route.signal(), result);
                    results.add(result);
                }
                case Execute execute -> router.onExecution(execute.event());
                case Resume resume -> router.resume();
            }
        }
        return results;
    }

    @Test
    void aRouterRestoredFromItsCompactStateAndItsDecisionsDecidesLikeTheOneThatKeptRunning() {
        List<Step> steps = scenario();
        SignalRouter uninterrupted = new SignalRouter(CONFIG, ACCOUNT);
        List<RoutingResult> expected = run(uninterrupted, steps);

        for (int split = 0; split <= steps.size(); split++) {
            SignalRouter before = new SignalRouter(CONFIG, ACCOUNT);
            DecisionLog log = new DecisionLog();
            List<RoutingResult> results = new ArrayList<>(run(before, steps.subList(0, split), log));
            String saved = JsonCodec.encode(before.compactState());
            SignalRouter after = SignalRouter.restore(CONFIG, ACCOUNT, JsonCodec.decode(saved, RouterState.class),
                    log.remembered(CONFIG.filters().duplicateWindow()));
            results.addAll(run(after, steps.subList(split, steps.size()), log));

            assertThat(results).as("restored from the compact state after step %d", split).isEqualTo(expected);
            assertThat(after.compactState()).as("compact state after restart at step %d", split)
                    .isEqualTo(uninterrupted.compactState());
        }
    }

    @Test
    void theSameInputsGiveTheSameOutputs() {
        assertThat(run(new SignalRouter(CONFIG, ACCOUNT), scenario()))
                .isEqualTo(run(new SignalRouter(CONFIG, ACCOUNT), scenario()));
    }

    @Test
    void stateHoldsOpenOrdersCooldownsDuplicatesAndTheHalt() {
        SignalRouter router = new SignalRouter(config(), ACCOUNT);
        Signal entry = buy("AAPL", "81.5", T0);
        router.route(entry, flat("10000"));
        router.halt("desk closed");

        RouterState state = router.state();

        assertThat(state.openOrders()).containsExactly(
                new OpenOrder(orderOf(entry), "AAPL", Side.BUY, true, dec("978.0")));
        assertThat(state.lastAcceptedAt()).isEqualTo(Map.of("AAPL", T0));
        assertThat(state.seenSignals()).isEqualTo(Map.of(entry.id(), T0));
        assertThat(state.acceptedSignals()).containsExactly(new AcceptedSignal("AAPL", SignalType.BUY, T0, STRATEGY));
        assertThat(state.halted()).isTrue();
        assertThat(state.haltRule()).isEqualTo(RouterRules.KILL_SWITCH);
        assertThat(state.haltReason()).isEqualTo("desk closed");
    }

    @Test
    void aRestoredHaltStaysUntilResume() {
        SignalRouter router = new SignalRouter(config(), ACCOUNT);
        router.halt("desk closed");

        SignalRouter restored = SignalRouter.restore(config(), ACCOUNT, router.state());

        assertThat(restored.halted()).isTrue();
        assertThat(restored.route(buy("AAPL", "81.5", T0), flat("10000")).decision().reason()).isEqualTo("desk closed");
    }

    @Test
    void signalsOlderThanTheDuplicateWindowAreForgotten() {
        RouterConfig oneDay = config().withSizing(new Sizing.FixedQuantity(dec("1")))
                .withFilters(FilterRules.none().withDuplicateWindow(Duration.ofDays(1)));
        SignalRouter router = new SignalRouter(oneDay, ACCOUNT);
        Signal first = buy("AAPL", "81.5", T0);
        router.route(first, flat("10000"));
        router.onExecution(status(orderOf(first), "AAPL", OrderStatus.CANCELED));

        router.route(buy("MSFT", "300", at(Duration.ofHours(12))), flat("10000"));
        String withinWindow = router.route(first, flat("10000")).decision().rule();
        router.route(buy("GOOG", "100", at(Duration.ofHours(25))), flat("10000"));
        Set<String> remembered = router.state().seenSignals().keySet();
        String afterWindow = router.route(first, flat("10000")).decision().rule();

        assertThat(withinWindow).isEqualTo(RouterRules.DUPLICATE);
        assertThat(remembered).doesNotContain(first.id());
        assertThat(afterWindow).isEqualTo(RouterRules.ACCEPTED);
    }

    @Test
    void updateConfigKeepsTheState() {
        SignalRouter router = new SignalRouter(config(), ACCOUNT);
        router.route(buy("AAPL", "81.5", T0), flat("10000"));
        RouterState before = router.state();

        router.updateConfig(config().withSizing(new Sizing.AllIn()));

        assertThat(router.state()).isEqualTo(before);
        assertThat(router.config().sizing()).isEqualTo(new Sizing.AllIn());
        assertThat(router.route(buy("AAPL", "81.5", at(Duration.ofDays(1))), flat("10000")).decision().rule())
                .isEqualTo(RouterRules.PENDING_ORDER);
    }

    @Test
    void aHaltedStateNeedsItsRuleAndReasonAndOnlyThen() {
        assertThatThrownBy(() -> new RouterState(List.of(), null, null, List.of(), true, RouterRules.KILL_SWITCH, null,
                null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouterState(List.of(), null, null, List.of(), false, null, "why", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RouterState.empty().openOrders()).isEmpty();
    }
}
