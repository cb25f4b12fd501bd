package dev.papertrader.core.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.performance.ForwardReturns.Horizon;
import dev.papertrader.core.performance.ForwardReturns.StrategyStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardReturnsTests {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    // closes of bars 0..5
    static final int[] CLOSES = {100, 110, 99, 121, 121, 80};

    static List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < CLOSES.length; i++) {
            BigDecimal close = BigDecimal.valueOf(CLOSES[i]);
            bars.add(new Bar("X", "1h", T0.plus(Duration.ofHours(i)), close, close, close, close, BigDecimal.ONE));
        }
        return bars;
    }

    static Signal signal(String strategy, SignalType type, int bar) {
        Instant time = T0.plus(Duration.ofHours(bar));
        return new Signal(Signal.idFor(strategy, "X", time, type), strategy, "X", type, BigDecimal.ONE, time,
                BigDecimal.valueOf(CLOSES[bar]), time, null);
    }

    @Test
    void buysAndSellsAreScoredInTheirDirection() {
        List<Signal> signals = List.of(signal("a", SignalType.BUY, 0), signal("a", SignalType.SELL, 1),
                signal("a", SignalType.BUY, 3));
        StrategyStats stats = ForwardReturns.compute(bars(), signals, List.of(1, 2)).get(0);
        assertThat(stats.strategy()).isEqualTo("a");
        assertThat(stats.signals()).isEqualTo(3);
        assertThat(stats.buys()).isEqualTo(2);
        assertThat(stats.sells()).isEqualTo(1);

        // horizon 1: BUY@0 110/100-1 = +0.10 hit; SELL@1 -(99/110-1) = +0.10 hit; BUY@3 121/121-1 = 0 miss
        Horizon one = stats.horizons().get(0);
        assertThat(one.bars()).isEqualTo(1);
        assertThat(one.evaluated()).isEqualTo(3);
        assertThat(one.hits()).isEqualTo(2);
        assertThat(one.hitRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(one.meanReturn()).isCloseTo((0.10 + 0.10 + 0) / 3, within(1e-12));

        // horizon 2: BUY@0 99/100-1 = -0.01 miss; SELL@1 -(121/110-1) = -0.10 miss; BUY@3 80/121-1 = -41/121 miss
        Horizon two = stats.horizons().get(1);
        assertThat(two.evaluated()).isEqualTo(3);
        assertThat(two.hits()).isZero();
        assertThat(two.hitRate()).isZero();
        assertThat(two.meanReturn()).isCloseTo((-0.01 - 0.10 - 41.0 / 121) / 3, within(1e-12));
    }

    @Test
    void signalsTooCloseToTheEndAreCountedButNotEvaluated() {
        List<Signal> signals = List.of(signal("b", SignalType.SELL, 4), signal("b", SignalType.BUY, 5));
        StrategyStats stats = ForwardReturns.compute(bars(), signals, ForwardReturns.DEFAULT_HORIZONS).get(0);
        assertThat(stats.signals()).isEqualTo(2);
        // horizon 1: SELL@4 -(80/121-1) = 41/121 hit; BUY@5 has no bar 6
        assertThat(stats.horizons().get(0)).isEqualTo(new Horizon(1, 1, 1, 1.0, 41.0 / 121));
        assertThat(stats.horizons().get(1)).isEqualTo(new Horizon(5, 0, 0, 0, 0));
        assertThat(stats.horizons().get(2)).isEqualTo(new Horizon(20, 0, 0, 0, 0));
    }

    @Test
    void strategiesAreListedByNameAndAnUnknownBarIsNotEvaluated() {
        Signal elsewhere = new Signal("id", "a", "Y", SignalType.BUY, BigDecimal.ONE, T0, BigDecimal.TEN, T0, null);
        List<StrategyStats> stats = ForwardReturns.compute(bars(), List.of(signal("z", SignalType.BUY, 0), elsewhere),
                List.of(1));
        assertThat(stats).extracting(StrategyStats::strategy).containsExactly("a", "z");
        assertThat(stats.get(0).horizons().get(0).evaluated()).isZero();
        assertThat(stats.get(1).horizons().get(0).hits()).isEqualTo(1);
        assertThat(ForwardReturns.compute(bars(), List.of(), List.of(1))).isEmpty();
        assertThatThrownBy(() -> ForwardReturns.compute(bars(), List.of(), List.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
