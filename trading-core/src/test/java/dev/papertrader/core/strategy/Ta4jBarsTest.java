package dev.papertrader.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.DoubleNumFactory;

class Ta4jBarsTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "5m, PT5M", "15min, PT15M", "4h, PT4H", "1d, PT24H", "1w, PT168H", "PT5M, PT5M",
            "P1D, PT24H"})
    void readsShorthandAndIsoTimeframes(String timeframe, String expected) {
        assertThat(Ta4jBars.timeframeDuration(timeframe)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M", "0m", "abc", "PT0S", "-PT5M"})
    void rejectsUnknownOrNonPositiveTimeframes(String timeframe) {
        assertThatThrownBy(() -> Ta4jBars.timeframeDuration(timeframe))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + timeframe + "'");
    }

    @Test
    void convertsABarIntoATa4jBarOfItsTimeframe() {
        Instant open = Instant.parse("2024-03-01T10:05:00Z");
        Bar bar = new Bar("ETHUSD", "5m", open, new BigDecimal("10.5"), new BigDecimal("12.25"),
                new BigDecimal("10.25"), new BigDecimal("12"), new BigDecimal("3"));

        org.ta4j.core.Bar converted = Ta4jBars.toTa4jBar(bar, Duration.ofMinutes(5), DoubleNumFactory.getInstance());

        assertThat(converted.getBeginTime()).isEqualTo(open);
        assertThat(converted.getEndTime()).isEqualTo(open.plusSeconds(300));
        assertThat(converted.getOpenPrice().doubleValue()).isEqualTo(10.5);
        assertThat(converted.getHighPrice().doubleValue()).isEqualTo(12.25);
        assertThat(converted.getLowPrice().doubleValue()).isEqualTo(10.25);
        assertThat(converted.getClosePrice().doubleValue()).isEqualTo(12.0);
        assertThat(converted.getVolume().doubleValue()).isEqualTo(3.0);
    }

    @Test
    void buildsASeriesNamedAfterTheSymbol() {
        BarSeries series = Ta4jBars.toSeries(TestBars.randomWalk(1, 10), DoubleNumFactory.getInstance());

        assertThat(series.getName()).isEqualTo("TEST");
        assertThat(series.getBarCount()).isEqualTo(10);
    }

    @Test
    void aSeriesNeedsOneSymbolAndIncreasingTimes() {
        Bar first = TestBars.bar(0, 100);
        Bar other = new Bar("OTHER", "1d", TestBars.openTime(1), first.open(), first.high(), first.low(),
                first.close(), first.volume());

        assertThatThrownBy(() -> Ta4jBars.toSeries(List.of(first, other), DoubleNumFactory.getInstance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one symbol and timeframe");
        assertThatThrownBy(() -> Ta4jBars.toSeries(List.of(first, first), DoubleNumFactory.getInstance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increase");
    }
}
