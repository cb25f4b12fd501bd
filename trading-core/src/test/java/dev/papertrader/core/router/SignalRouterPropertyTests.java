package dev.papertrader.core.router;

import static dev.papertrader.core.router.Fixtures.ACCOUNT;
import static dev.papertrader.core.router.Fixtures.T0;
import static dev.papertrader.core.router.Fixtures.position;
import static dev.papertrader.core.router.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.router.RouterState.OpenOrder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties over random signal streams, limits and sizings. Seeds are fixed so every run checks the same cases.
 */
class SignalRouterPropertyTests {

    /**
     * One signal of the stream.
     *
     * @param minutesLater     event time after the previous signal (0: same bar)
     * @param closeOldestOrder after routing it, the exchange reports the router's oldest open order FILLED
     */
    record SignalSpec(String symbol, SignalType type, BigDecimal price, BigDecimal atr, int minutesLater,
            boolean closeOldestOrder) {
    }

    /** Cash, and a held position (its market value is the exposure the snapshot starts with). */
    record Account(BigDecimal cash, BigDecimal heldQty, BigDecimal heldPrice) {
        PortfolioSnapshot snapshot() {
            BigDecimal equity = cash.add(heldQty.multiply(heldPrice));
            return new PortfolioSnapshot(ACCOUNT, cash, equity, equity, equity,
                    List.of(position("HELD", heldQty.toPlainString(), heldPrice.toPlainString())), T0);
        }
    }

    @Property(tries = 400, seed = "7311")
    void acceptedOpeningsNeverExceedTheConfiguredLimits(@ForAll("limits") RiskLimits limits,
            @ForAll("sizings") Sizing sizing, @ForAll boolean fractional, @ForAll boolean longOnly,
            @ForAll("accounts") Account account, @ForAll("streams") List<SignalSpec> stream) {
        RouterConfig config = RouterConfig.defaults().withRisk(limits).withSizing(sizing).withFractional(fractional)
                .withLongOnly(longOnly);
        SignalRouter router = new SignalRouter(config, ACCOUNT);
        PortfolioSnapshot snapshot = account.snapshot();
        Instant barTime = T0;

        for (SignalSpec spec : stream) {
            barTime = barTime.plus(Duration.ofMinutes(spec.minutesLater()));
            Signal signal = new Signal(Signal.idFor("random", spec.symbol(), barTime, spec.type()), "random",
                    spec.symbol(), spec.type(), BigDecimal.ONE, barTime, spec.price(), barTime, spec.atr());
            List<OpenOrder> openBefore = router.state().openOrders();

            RoutingResult result = router.route(signal, snapshot);

            if (result.accepted()) {
                assertWithinLimits(limits, fractional, snapshot, openBefore, signal, result.order());
            }
            if (spec.closeOldestOrder() && !router.state().openOrders().isEmpty()) {
                OpenOrder oldest = router.state().openOrders().getFirst();
                router.onExecution(status(oldest.orderId(), oldest.symbol(), OrderStatus.FILLED));
            }
        }
    }

    private static void assertWithinLimits(RiskLimits limits, boolean fractional, PortfolioSnapshot snapshot,
            List<OpenOrder> openBefore, Signal signal, Order order) {
        BigDecimal price = signal.price();
        BigDecimal notional = order.notional() != null ? order.notional() : order.qty().multiply(price);
        if (order.qty() != null) {
            assertThat(order.qty().signum()).isPositive();
            assertThat(order.qty().stripTrailingZeros().scale()).isLessThanOrEqualTo(fractional ? 8 : 0);
        }
        if (limits.maxPositionQty() != null && limits.maxPositionQty().signum() > 0) {
            assertThat(notional).isLessThanOrEqualTo(limits.maxPositionQty().multiply(price));
        }
        if (limits.maxPositionNotional() != null && limits.maxPositionNotional().signum() > 0) {
            assertThat(notional).isLessThanOrEqualTo(limits.maxPositionNotional());
        }
        if (limits.maxOpenOrders() > 0) {
            assertThat(openBefore.size()).isLessThan(limits.maxOpenOrders());
        }
        if (limits.maxGrossExposure() != null && limits.maxGrossExposure().signum() > 0) {
            BigDecimal pending = openBefore.stream().filter(OpenOrder::opening).map(OpenOrder::notional)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(snapshot.grossExposure().add(pending).add(notional))
                    .isLessThanOrEqualTo(limits.maxGrossExposure());
        }
        if (order.side() == Side.BUY) {
            BigDecimal reserved = openBefore.stream().filter(open -> open.side() == Side.BUY).map(OpenOrder::notional)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(reserved.add(notional)).as("cash spent by open buys").isLessThanOrEqualTo(snapshot.cash());
        }
    }

    @Property(tries = 200, seed = "1913")
    void restoringAtAnyPointChangesNoDecision(@ForAll("sizings") Sizing sizing, @ForAll boolean longOnly,
            @ForAll("accounts") Account account, @ForAll("streams") List<SignalSpec> stream,
            @ForAll @IntRange(min = 0, max = 40) int restartAt) {
        RouterConfig config = RouterConfig.defaults().withSizing(sizing).withLongOnly(longOnly)
                .withFilters(FilterRules.none().withCooldownPerSymbol(Duration.ofMinutes(45)))
                .withRisk(RiskLimits.none().withMaxOpenOrders(3));
        SignalRouter uninterrupted = new SignalRouter(config, ACCOUNT);
        SignalRouter restarted = new SignalRouter(config, ACCOUNT);
        PortfolioSnapshot snapshot = account.snapshot();
        Instant barTime = T0;
        List<RoutingResult> expected = new ArrayList<>();
        List<RoutingResult> actual = new ArrayList<>();

        for (int i = 0; i < stream.size(); i++) {
            if (i == restartAt) {
                restarted = SignalRouter.restore(config, ACCOUNT, restarted.state());
            }
            SignalSpec spec = stream.get(i);
            barTime = barTime.plus(Duration.ofMinutes(spec.minutesLater()));
            Signal signal = new Signal(Signal.idFor("random", spec.symbol(), barTime, spec.type()), "random",
                    spec.symbol(), spec.type(), BigDecimal.ONE, barTime, spec.price(), barTime, spec.atr());
            expected.add(uninterrupted.route(signal, snapshot));
            actual.add(restarted.route(signal, snapshot));
            if (spec.closeOldestOrder() && !uninterrupted.state().openOrders().isEmpty()) {
                OpenOrder oldest = uninterrupted.state().openOrders().getFirst();
                uninterrupted.onExecution(status(oldest.orderId(), oldest.symbol(), OrderStatus.FILLED));
                restarted.onExecution(status(oldest.orderId(), oldest.symbol(), OrderStatus.FILLED));
            }
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(restarted.state()).isEqualTo(uninterrupted.state());
    }

    /**
     * One step of a stream with repeats, late signals and several strategies.
     *
     * @param strategy     which of three strategies sends it
     * @param minutesLater event time after the newest bar so far (0: same bar)
     * @param lateBy       when positive, the signal's bar is this many minutes before the newest bar (a late signal)
     *                     and the clock does not move
     * @param repeat       when positive, the step sends again the signal sent this many steps before (same id)
     * @param restartAfter after this step the restarted router is rebuilt from its compact state and the decisions
     */
    record DuplicateSpec(int strategy, String symbol, SignalType type, int minutesLater, int lateBy, int repeat,
            boolean closeOldestOrder, boolean restartAfter) {
    }

    @Property(tries = 300, seed = "4242")
    void restoringFromTheCompactStateAndTheDecisionsChangesNoDecision(@ForAll boolean suppressDuplicates,
            @ForAll @IntRange(min = 20, max = 240) int windowMinutes,
            @ForAll("duplicateStreams") List<DuplicateSpec> stream) {
        RouterConfig config = RouterConfig.defaults().withSizing(new Sizing.FixedQuantity(BigDecimal.ONE))
                .withLongOnly(false)
                .withFilters(FilterRules.none().withSuppressDuplicates(suppressDuplicates)
                        .withDuplicateWindow(Duration.ofMinutes(windowMinutes)))
                .withRisk(RiskLimits.none().withMaxOpenOrders(4));
        PortfolioSnapshot flat = new PortfolioSnapshot(ACCOUNT, BigDecimal.valueOf(1_000_000),
                BigDecimal.valueOf(1_000_000), BigDecimal.valueOf(1_000_000), BigDecimal.valueOf(1_000_000), List.of(),
                T0);
        List<String> strategies = List.of("alpha", "beta", "gamma");
        SignalRouter uninterrupted = new SignalRouter(config, ACCOUNT);
        SignalRouter restarted = new SignalRouter(config, ACCOUNT);
        DecisionLog log = new DecisionLog();
        List<Signal> sent = new ArrayList<>();
        List<RoutingResult> expected = new ArrayList<>();
        List<RoutingResult> actual = new ArrayList<>();
        Instant newest = T0;

        for (DuplicateSpec spec : stream) {
            Signal signal;
            if (spec.repeat() > 0 && spec.repeat() <= sent.size()) {
                signal = sent.get(sent.size() - spec.repeat());
            } else {
                Instant barTime;
                if (spec.lateBy() > 0) {
                    barTime = newest.minus(Duration.ofMinutes(spec.lateBy()));
                } else {
                    newest = newest.plus(Duration.ofMinutes(spec.minutesLater()));
                    barTime = newest;
                }
                String strategy = strategies.get(spec.strategy());
                signal = new Signal(Signal.idFor(strategy, spec.symbol(), barTime, spec.type()), strategy,
                        spec.symbol(), spec.type(), BigDecimal.ONE, barTime, BigDecimal.TEN, barTime, null);
            }
            sent.add(signal);
            expected.add(uninterrupted.route(signal, flat));
            RoutingResult result = restarted.route(signal, flat);
            log.record(signal, result);
            actual.add(result);
            if (spec.closeOldestOrder() && !uninterrupted.openOrders().isEmpty()) {
                OpenOrder oldest = uninterrupted.openOrders().getFirst();
                uninterrupted.onExecution(status(oldest.orderId(), oldest.symbol(), OrderStatus.FILLED));
                restarted.onExecution(status(oldest.orderId(), oldest.symbol(), OrderStatus.FILLED));
            }
            if (spec.restartAfter()) {
                RouterState stored = JsonCodec.decode(JsonCodec.encode(restarted.compactState()), RouterState.class);
                assertThat(stored.seenSignals()).isEmpty();
                assertThat(stored.acceptedSignals()).isEmpty();
                restarted = SignalRouter.restore(config, ACCOUNT, stored,
                        log.remembered(config.filters().duplicateWindow()));
            }
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(restarted.compactState()).isEqualTo(uninterrupted.compactState());
    }

    @Provide
    Arbitrary<List<DuplicateSpec>> duplicateStreams() {
        Arbitrary<DuplicateSpec> spec = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.of("AAPL", "MSFT", "GOOG"),
                Arbitraries.of(SignalType.class),
                Arbitraries.of(0, 0, 1, 5, 30, 90),
                Arbitraries.of(0, 0, 0, 0, 0, 1, 10, 60, 300),
                Arbitraries.of(0, 0, 0, 0, 1, 2, 5, 20),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false, false))
                .as(DuplicateSpec::new);
        return spec.list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<RiskLimits> limits() {
        Arbitrary<BigDecimal> maxQty = Arbitraries.bigDecimals().between(BigDecimal.ONE, BigDecimal.valueOf(200))
                .ofScale(0).injectNull(0.3);
        Arbitrary<BigDecimal> maxNotional = Arbitraries.bigDecimals()
                .between(BigDecimal.valueOf(100), BigDecimal.valueOf(50_000)).ofScale(2).injectNull(0.3);
        Arbitrary<BigDecimal> maxGross = Arbitraries.bigDecimals()
                .between(BigDecimal.valueOf(100), BigDecimal.valueOf(40_000)).ofScale(2).injectNull(0.3);
        Arbitrary<Integer> maxOpen = Arbitraries.integers().between(0, 4);
        return Combinators.combine(maxQty, maxNotional, maxGross, maxOpen)
                .as((qty, notional, gross, open) -> new RiskLimits(qty, notional, gross, open, null, null));
    }

    @Provide
    Arbitrary<Sizing> sizings() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("0.5"), BigDecimal.valueOf(300)).ofScale(1)
                        .map(Sizing.FixedQuantity::new),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(50), BigDecimal.valueOf(30_000)).ofScale(2)
                        .map(Sizing.FixedNotional::new),
                Arbitraries.bigDecimals().between(BigDecimal.ONE, BigDecimal.valueOf(100)).ofScale(1)
                        .map(Sizing.PercentOfEquity::new),
                Combinators.combine(
                        Arbitraries.bigDecimals().between(new BigDecimal("0.1"), BigDecimal.valueOf(5)).ofScale(2),
                        Arbitraries.bigDecimals().between(new BigDecimal("0.5"), BigDecimal.valueOf(4)).ofScale(1))
                        .as(Sizing.AtrRisk::new),
                Arbitraries.just(new Sizing.AllIn()));
    }

    @Provide
    Arbitrary<Account> accounts() {
        return Combinators.combine(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100_000)).ofScale(2),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-50), BigDecimal.valueOf(50)).ofScale(0),
                Arbitraries.bigDecimals().between(BigDecimal.ONE, BigDecimal.valueOf(500)).ofScale(2))
                .as(Account::new);
    }

    @Provide
    Arbitrary<List<SignalSpec>> streams() {
        Arbitrary<SignalSpec> spec = Combinators.combine(
                Arbitraries.of("AAPL", "MSFT", "GOOG", "AMZN", "NVDA"),
                Arbitraries.of(SignalType.class),
                Arbitraries.bigDecimals().between(new BigDecimal("0.5"), BigDecimal.valueOf(2000)).ofScale(2),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), BigDecimal.valueOf(50)).ofScale(2)
                        .injectNull(0.2),
                Arbitraries.of(0, 0, 5, 30, 60, 1440),
                // mostly keep orders open so that several of them meet the limits together
                Arbitraries.of(true, false, false, false))
                .as(SignalSpec::new);
        return spec.list().ofMinSize(1).ofMaxSize(40);
    }
}
