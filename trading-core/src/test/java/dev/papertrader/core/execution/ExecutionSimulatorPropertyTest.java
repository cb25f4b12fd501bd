package dev.papertrader.core.execution;

import static dev.papertrader.core.execution.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random orders and bars: whatever the arrival interleaving (and a persist/restore in the middle), every order
 * gets the same events; fills never exceed the order and add up to the reported filled quantity.
 *
 * <p>Some orders are legs of the nearest earlier plain order (parent), sharing an OCO group with its other legs,
 * as in a bracket. A parent and its legs arrive together (parent first) no later than the first bar that could
 * fill the parent: the simulator's condition for OCO groups (see {@link ExecutionSimulator}). Plain orders arrive
 * anywhere.
 */
class ExecutionSimulatorPropertyTest {

    private static final Instant BASE = Instant.parse("2024-01-02T00:00:00Z");
    private static final Duration STEP = Duration.ofHours(6);
    private static final List<String> SYMBOLS = List.of("AAA", "BBB");

    /** One bar of a random walk: price moves in tenths, time advances 0 (a duplicate, ignored), 1 or 2 steps. */
    record BarStep(int symbol, int gapTenths, int bodyTenths, int upperTenths, int lowerTenths, int volume,
            int advance) {
    }

    record OrderCore(int symbol, Side side, OrderType type, int size, boolean notional, TimeInForce tif,
            boolean leg) {
    }

    record OrderTiming(int limitOffsetTenths, int stopOffsetTenths, int createdStep, int createdMinute) {
    }

    record Scenario(ExecutionConfig config, List<Bar> bars, List<Order> orders, List<Integer> arrivals,
            int restoreAt) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<ExecutionConfig> configs = Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.of("none", "0.05", "0.3", "1"),
                Arbitraries.of(SlippageModel.none(), SlippageModel.fixedBps(d("7")),
                        SlippageModel.volumeShareImpact(d("0.05"))),
                Arbitraries.of(FeeModel.none(), FeeModel.perShare(d("0.005"), d("1")),
                        FeeModel.percentOfNotional(d("0.1")), FeeModel.fixedPerOrder(d("2.5"))),
                Arbitraries.<ZoneId>of(ZoneOffset.UTC, ZoneId.of("America/New_York")),
                Arbitraries.of(0, 2, 8))
                .as((latency, cap, slippage, fees, zone, scale) -> new ExecutionConfig(latency,
                        cap.equals("none") ? null : d(cap), slippage, fees, zone, scale, 500));
        Arbitrary<BarStep> barSteps = Combinators.combine(
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(-30, 30),
                Arbitraries.integers().between(-30, 30),
                Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 20),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(9, Arbitraries.integers().between(1, 3000))),
                Arbitraries.of(0, 1, 1, 1, 1, 2))
                .as(BarStep::new);
        Arbitrary<OrderCore> cores = Combinators.combine(
                Arbitraries.integers().between(0, 1),
                Arbitraries.of(Side.class),
                Arbitraries.of(OrderType.class),
                Arbitraries.integers().between(1, 300),
                Arbitraries.of(false, false, true),
                Arbitraries.of(TimeInForce.class),
                Arbitraries.of(false, false, true))
                .as(OrderCore::new);
        Arbitrary<OrderTiming> timings = Combinators.combine(
                Arbitraries.integers().between(-50, 50),
                Arbitraries.integers().between(-50, 50),
                Arbitraries.integers().between(-1, 9),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 359)))
                .as(OrderTiming::new);
        Arbitrary<List<OrderCore>> coreLists = cores.list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(configs, barSteps.list().ofMinSize(8).ofMaxSize(40), coreLists, timings.list().ofSize(8),
                Arbitraries.integers().between(0, 40).list().ofSize(8), Arbitraries.integers().between(0, 45))
                .as(ExecutionSimulatorPropertyTest::scenario);
    }

    @Property(tries = 300)
    void everyInterleavingGivesEachOrderTheSameEvents(@ForAll("scenarios") Scenario scenario) {
        List<ExecutionEvent> reference = ordersFirst(scenario);
        List<ExecutionEvent> interleaved = interleaved(scenario);

        // Shows in the report that the scenarios are not trivial: late arrivals, fills, partial fills.
        Statistics.label("orders submitted after a newer bar").collect(lateArrivals(scenario) > 0);
        boolean partial = reference.stream()
                .anyMatch(e -> e instanceof OrderStatusEvent s && s.status() == OrderStatus.PARTIALLY_FILLED);
        boolean filled = reference.stream().anyMatch(Fill.class::isInstance);
        Statistics.label("fills").collect(partial ? "with partial fills" : filled ? "with fills" : "no fill");
        Statistics.label("contingencies").collect(reference.stream().anyMatch(e -> e instanceof OrderStatusEvent s
                && s.reason() != null && s.reason().startsWith("oco:")) ? "an OCO cancel"
                : scenario.orders().stream().anyMatch(o -> o.parentId() != null) ? "legs" : "none");
        assertThat(byOrder(interleaved)).isEqualTo(byOrder(reference));
        assertThat(canonical(interleaved)).isEqualTo(canonical(reference));
    }

    /**
     * What the order service does between slices: forgetting the final orders after every bar (and persisting and
     * restoring the smaller state) changes no event, as long as legs arrive with their parent.
     */
    @Property(tries = 300)
    void forgettingFinalOrdersAfterEachBarChangesNoEvent(@ForAll("scenarios") Scenario scenario) {
        List<ExecutionEvent> kept = interleaved(scenario, false);
        List<ExecutionEvent> forgotten = interleaved(scenario, true);

        assertThat(forgotten).isEqualTo(kept);
    }

    @Property(tries = 300)
    void fillsNeverExceedTheOrderAndAddUpToTheFilledQuantity(@ForAll("scenarios") Scenario scenario) {
        List<ExecutionEvent> events = interleaved(scenario);
        Map<String, Order> orders = new HashMap<>();
        scenario.orders().forEach(o -> orders.put(o.id(), o));
        Set<String> ids = new HashSet<>();

        byOrder(events).forEach((orderId, orderEvents) -> {
            Order order = orders.get(orderId);
            assertThat(orderEvents.get(0)).isInstanceOfSatisfying(OrderStatusEvent.class,
                    first -> assertThat(first.status())
                            .isEqualTo(order.parentId() == null ? OrderStatus.NEW : OrderStatus.HELD));
            BigDecimal filled = BigDecimal.ZERO;
            BigDecimal value = BigDecimal.ZERO;
            BigDecimal spent = BigDecimal.ZERO;
            int fillCount = 0;
            boolean finalSeen = false;
            for (ExecutionEvent event : orderEvents) {
                assertThat(finalSeen).as("no event after a final status").isFalse();
                if (event instanceof Fill fill) {
                    assertThat(ids.add(fill.id())).isTrue();
                    assertThat(fill.filledAt()).isAfter(order.createdAt());
                    assertFillPriceRespectsTheLimit(order, fill);
                    filled = filled.add(fill.qty());
                    value = value.add(fill.qty().multiply(fill.price()));
                    spent = spent.add(fill.side() == Side.BUY ? fill.qty().multiply(fill.price()).add(fill.fee())
                            : fill.qty().multiply(fill.price()));
                    fillCount++;
                } else if (event instanceof OrderStatusEvent status) {
                    assertThat(ids.add(status.id())).isTrue();
                    assertThat(status.filledQty()).isEqualByComparingTo(filled);
                    if (filled.signum() > 0) {
                        assertThat(status.avgFillPrice()).isEqualByComparingTo(
                                value.divide(filled, SlippageModel.PRICE_SCALE, RoundingMode.HALF_EVEN));
                    }
                    finalSeen = status.status().isFinal();
                    if (order.qty() != null) {
                        assertThat(status.status() == OrderStatus.FILLED).isEqualTo(filled.compareTo(order.qty()) == 0);
                    }
                }
            }
            if (order.qty() != null) {
                assertThat(filled).isLessThanOrEqualTo(order.qty());
            } else {
                assertThat(spent).isLessThanOrEqualTo(order.notional());
            }
            if (order.timeInForce() == TimeInForce.FOK) {
                assertThat(fillCount).isLessThanOrEqualTo(1);
            }
        });
    }

    private static void assertFillPriceRespectsTheLimit(Order order, Fill fill) {
        BigDecimal limit = FillPriceRules.worstAllowedPrice(order);
        if (limit != null) {
            assertThat(FillPriceRules.atOrBetter(order.side(), fill.price(), limit))
                    .as("fill at %s within limit %s", fill.price(), limit).isTrue();
        }
    }

    private static long lateArrivals(Scenario scenario) {
        int barCount = scenario.bars().size();
        long late = 0;
        for (int i = 0; i < scenario.orders().size(); i++) {
            int position = scenario.arrivals().get(i) % (barCount + 1);
            Instant createdAt = scenario.orders().get(i).createdAt();
            if (scenario.bars().subList(0, position).stream().anyMatch(b -> b.openTime().isAfter(createdAt))) {
                late++;
            }
        }
        return late;
    }

    // --- runs ----------------------------------------------------------------------------------------------

    /** Every order submitted before any bar. */
    private static List<ExecutionEvent> ordersFirst(Scenario scenario) {
        ExecutionSimulator simulator = new ExecutionSimulator(scenario.config());
        List<ExecutionEvent> events = new ArrayList<>();
        scenario.orders().forEach(o -> events.addAll(simulator.submit(o)));
        scenario.bars().forEach(b -> events.addAll(simulator.onBar(b)));
        return events;
    }

    /**
     * Each order arrives before the bar at its arrival position (or after all bars), later orders of one position
     * first; at action {@code restoreAt} the simulator is persisted to JSON and restored.
     */
    private static List<ExecutionEvent> interleaved(Scenario scenario) {
        return interleaved(scenario, false);
    }

    /** As {@link #interleaved(Scenario)}; with {@code forget}, the final orders are forgotten after every bar. */
    private static List<ExecutionEvent> interleaved(Scenario scenario, boolean forget) {
        List<Runnable> actions = new ArrayList<>();
        List<ExecutionEvent> events = new ArrayList<>();
        ExecutionSimulator[] simulator = {new ExecutionSimulator(scenario.config())};
        int barCount = scenario.bars().size();
        for (int position = 0; position <= barCount; position++) {
            for (int i = scenario.orders().size() - 1; i >= 0; i--) {
                Order parent = scenario.orders().get(i);
                if (parent.parentId() != null || scenario.arrivals().get(i) % (barCount + 1) != position) {
                    continue;
                }
                actions.add(() -> events.addAll(simulator[0].submit(parent)));
                // Its legs right after it, where the scenario put them (at the parent's position).
                for (Order leg : scenario.orders()) {
                    if (parent.id().equals(leg.parentId())) {
                        actions.add(() -> events.addAll(simulator[0].submit(leg)));
                    }
                }
            }
            if (position < barCount) {
                Bar bar = scenario.bars().get(position);
                actions.add(() -> events.addAll(simulator[0].onBar(bar)));
                if (forget) {
                    actions.add(() -> simulator[0].forgetFinalOrders());
                }
            }
        }
        for (int i = 0; i < actions.size(); i++) {
            if (i == scenario.restoreAt()) {
                String json = JsonCodec.encode(simulator[0].state());
                simulator[0] = ExecutionSimulator.restore(scenario.config(), JsonCodec.decode(json, ExecutionState.class));
            }
            actions.get(i).run();
        }
        return events;
    }

    private static Map<String, List<ExecutionEvent>> byOrder(List<ExecutionEvent> events) {
        Map<String, List<ExecutionEvent>> grouped = new LinkedHashMap<>();
        events.forEach(e -> grouped.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e));
        return new TreeMap<>(grouped);
    }

    /** Stable sort by (event time, order id): an order's own events keep their sequence. */
    private static List<ExecutionEvent> canonical(List<ExecutionEvent> events) {
        List<ExecutionEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(ExecutionSimulatorPropertyTest::eventTime)
                .thenComparing(ExecutionEvent::orderId));
        return sorted;
    }

    private static Instant eventTime(ExecutionEvent event) {
        return switch (event) {
            case Fill fill -> fill.filledAt();
            case OrderStatusEvent status -> status.eventTime();
        };
    }

    // --- building a scenario -------------------------------------------------------------------------------

    private static Scenario scenario(ExecutionConfig config, List<BarStep> steps, List<OrderCore> cores,
            List<OrderTiming> timings, List<Integer> arrivals, int restoreAt) {
        List<Bar> bars = new ArrayList<>();
        BigDecimal[] lastClose = {d("100"), d("100")};
        Instant[] lastTime = {BASE, BASE};
        for (BarStep step : steps) {
            int s = step.symbol();
            Instant time = lastTime[s].plus(STEP.multipliedBy(step.advance()));
            BigDecimal open = atLeast(lastClose[s].add(BigDecimal.valueOf(step.gapTenths(), 1)), "5");
            BigDecimal close = atLeast(open.add(BigDecimal.valueOf(step.bodyTenths(), 1)), "5");
            BigDecimal high = open.max(close).add(BigDecimal.valueOf(step.upperTenths(), 1));
            BigDecimal low = atLeast(open.min(close).subtract(BigDecimal.valueOf(step.lowerTenths(), 1)), "1");
            bars.add(new Bar(SYMBOLS.get(s), "6h", time, open, high, low, close, BigDecimal.valueOf(step.volume())));
            lastTime[s] = time;
            lastClose[s] = close;
        }
        List<Order> orders = new ArrayList<>();
        List<Integer> arrivalPositions = new ArrayList<>(arrivals);
        int parentIndex = -1;
        for (int i = 0; i < cores.size(); i++) {
            OrderCore core = cores.get(i);
            if (core.leg() && parentIndex >= 0) {
                Order parent = orders.get(parentIndex);
                OrderCore sameSymbol = new OrderCore(SYMBOLS.indexOf(parent.symbol()), core.side(), core.type(),
                        core.size(), core.notional(), core.tif(), true);
                Order leg = order("o" + i, sameSymbol, timings.get(i), bars);
                orders.add(new Order(leg.id(), null, leg.accountId(), leg.symbol(), leg.side(), leg.type(), leg.qty(),
                        leg.notional(), leg.limitPrice(), leg.stopPrice(), leg.timeInForce(), parent.createdAt(),
                        leg.trailPrice(), leg.trailPercent(), parent.id(), "bracket-" + parent.id(), null));
                // A bracket arrives as one: no later than the first bar that could fill its parent.
                int timely = timelyPosition(parent, bars);
                int parentPosition = Math.min(arrivalPositions.get(parentIndex) % (bars.size() + 1), timely);
                arrivalPositions.set(parentIndex, parentPosition);
                arrivalPositions.set(i, parentPosition);
            } else {
                orders.add(order("o" + i, core, timings.get(i), bars));
                parentIndex = i;
            }
        }
        return new Scenario(config, List.copyOf(bars), List.copyOf(orders), List.copyOf(arrivalPositions), restoreAt);
    }

    /** Index of the first bar of the order's symbol that opens after its creation (the bar count if none). */
    private static int timelyPosition(Order order, List<Bar> bars) {
        for (int b = 0; b < bars.size(); b++) {
            if (bars.get(b).symbol().equals(order.symbol()) && bars.get(b).openTime().isAfter(order.createdAt())) {
                return b;
            }
        }
        return bars.size();
    }

    private static Order order(String id, OrderCore core, OrderTiming timing, List<Bar> bars) {
        String symbol = SYMBOLS.get(core.symbol());
        Instant createdAt = BASE.plus(STEP.multipliedBy(timing.createdStep()))
                .plus(Duration.ofMinutes(timing.createdMinute()));
        BigDecimal reference = bars.stream()
                .filter(b -> b.symbol().equals(symbol) && !b.openTime().isAfter(createdAt))
                .reduce((first, second) -> second).map(Bar::close).orElse(d("100"));
        boolean needsLimit = core.type() == OrderType.LIMIT || core.type() == OrderType.STOP_LIMIT;
        boolean needsStop = core.type() == OrderType.STOP || core.type() == OrderType.STOP_LIMIT;
        BigDecimal limit = needsLimit ? atLeast(reference.add(BigDecimal.valueOf(timing.limitOffsetTenths(), 1)), "1")
                : null;
        BigDecimal stop = needsStop ? atLeast(reference.add(BigDecimal.valueOf(timing.stopOffsetTenths(), 1)), "1")
                : null;
        BigDecimal qty = core.notional() ? null : BigDecimal.valueOf(core.size());
        BigDecimal notional = core.notional() ? BigDecimal.valueOf(core.size() * 100L) : null;
        // A trailing stop trails by 0.1 to 5.1 (even offsets) or by 0.1% to 2.0% (odd offsets).
        boolean trailing = core.type() == OrderType.TRAILING_STOP;
        int offset = Math.abs(timing.stopOffsetTenths());
        BigDecimal trailPrice = trailing && offset % 2 == 0 ? BigDecimal.valueOf(offset + 1, 1) : null;
        BigDecimal trailPercent = trailing && offset % 2 == 1 ? BigDecimal.valueOf(offset % 20 + 1, 1) : null;
        return new Order(id, null, "acc", symbol, core.side(), core.type(), qty, notional, limit, stop, core.tif(),
                createdAt, trailPrice, trailPercent, null, null, null);
    }

    private static BigDecimal atLeast(BigDecimal value, String floor) {
        return value.max(d(floor));
    }
}
