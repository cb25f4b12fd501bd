package dev.papertrader.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SyntheticBarsTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> SYMBOLS = List.of("AAA", "BBB", "CCC");

    private static List<Bar> generate(long seed, List<String> symbols, int barsPerSymbol) {
        return SyntheticBars.generate(seed, symbols, "1m", START, Duration.ofMinutes(1), barsPerSymbol);
    }

    @Test
    void sameSeedGivesIdenticalBarsAndAnotherSeedDifferentOnes() {
        List<Bar> first = generate(42, SYMBOLS, 500);

        assertThat(generate(42, SYMBOLS, 500)).isEqualTo(first);
        assertThat(generate(43, SYMBOLS, 500)).isNotEqualTo(first);
    }

    @Test
    void barsAreInterleavedAcrossSymbolsInTimeOrder() {
        List<Bar> bars = generate(7, SYMBOLS, 100);

        assertThat(bars).hasSize(300);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            assertThat(bar.symbol()).isEqualTo(SYMBOLS.get(i % 3));
            assertThat(bar.openTime()).isEqualTo(START.plus(Duration.ofMinutes(i / 3)));
            assertThat(bar.timeframe()).isEqualTo("1m");
        }
    }

    @Test
    void aSymbolsPathDoesNotDependOnTheOtherSymbols() {
        List<Bar> alone = generate(11, List.of("BBB"), 200);
        List<Bar> together = generate(11, SYMBOLS, 200).stream().filter(bar -> bar.symbol().equals("BBB")).toList();

        assertThat(together).isEqualTo(alone);
    }

    @Test
    void streamGivesTheSameBarsAsGenerate() {
        Iterator<Bar> stream = SyntheticBars.stream(5, SYMBOLS, "1h", START, Duration.ofHours(1), 50);
        List<Bar> generated = SyntheticBars.generate(5, SYMBOLS, "1h", START, Duration.ofHours(1), 50);

        for (Bar expected : generated) {
            assertThat(stream.next()).isEqualTo(expected);
        }
        assertThat(stream.hasNext()).isFalse();
        assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void streamsAMillionBarsWithinSaneBounds() {
        List<String> symbols = List.of("S0", "S1", "S2", "S3");
        Iterator<Bar> bars = SyntheticBars.stream(2024, symbols, "1d", START, Duration.ofDays(1), 250_000);
        Map<String, BigDecimal> firstOpen = new HashMap<>();
        Map<String, BigDecimal[]> range = new HashMap<>();
        long count = 0;
        while (bars.hasNext()) {
            Bar bar = bars.next();
            count++;
            firstOpen.putIfAbsent(bar.symbol(), bar.open());
            range.merge(bar.symbol(), new BigDecimal[] {bar.low(), bar.high()},
                    (a, b) -> new BigDecimal[] {a[0].min(b[0]), a[1].max(b[1])});
        }

        assertThat(count).isEqualTo(1_000_000);
        // Daily bars over ~680 years would wander off without the reflecting bounds at 1/100 and 100× the start;
        // wicks may poke a little beyond them.
        for (String symbol : symbols) {
            BigDecimal start = firstOpen.get(symbol);
            assertThat(range.get(symbol)[0]).isGreaterThan(start.movePointLeft(2).multiply(new BigDecimal("0.5")));
            assertThat(range.get(symbol)[1]).isLessThan(start.movePointRight(2).multiply(new BigDecimal("2")));
        }
    }

    @Property(tries = 40)
    void everySymbolKeepsItsDecimalsAndOpensAtItsPreviousClose(@ForAll long seed) {
        List<Bar> bars = generate(seed, SYMBOLS, 300);
        Map<String, Bar> previous = new HashMap<>();

        for (Bar bar : bars) {
            assertThat(bar.open().scale()).isBetween(2, 4);
            assertThat(bar.high().scale()).isEqualTo(bar.open().scale());
            assertThat(bar.low().scale()).isEqualTo(bar.open().scale());
            assertThat(bar.close().scale()).isEqualTo(bar.open().scale());
            assertThat(bar.low().signum()).isPositive();
            assertThat(bar.volume().signum()).isNotNegative();
            Bar before = previous.put(bar.symbol(), bar);
            if (before != null) {
                assertThat(bar.open()).isEqualTo(before.close());
                assertThat(bar.open().scale()).isEqualTo(before.open().scale());
            }
        }
    }

    @Test
    void decimalsFollowTheStartingPriceMagnitude() {
        List<String> many = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "SYM" + i).toList();
        List<Bar> firstBars = generate(99, many, 1);

        assertThat(firstBars).allSatisfy(bar -> {
            BigDecimal open = bar.open();
            int expectedScale = open.compareTo(BigDecimal.TEN) < 0 ? 4 : open.compareTo(new BigDecimal("100")) < 0 ? 3 : 2;
            assertThat(open.scale()).as("%s opening at %s", bar.symbol(), open).isEqualTo(expectedScale);
        });
        assertThat(firstBars).extracting(bar -> bar.open().scale()).contains(2, 3, 4);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> generate(1, List.of(), 1)).hasMessage("symbols must not be empty");
        assertThatThrownBy(() -> generate(1, List.of("A", "A"), 1)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> generate(1, SYMBOLS, -1)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> SyntheticBars.generate(1, SYMBOLS, "1m", START, Duration.ZERO, 1))
                .hasMessageContaining("step must be positive");
        assertThat(generate(1, SYMBOLS, 0)).isEmpty();
    }
}
