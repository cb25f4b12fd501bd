package dev.papertrader.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyParametersTest {

    @Test
    void typedAccessorsParseValuesAndFallBackToTheDefault() {
        StrategyParameters parameters = StrategyParameters.of(
                Map.of("period", " 14 ", "threshold", "30.5", "confirm", "TRUE"));

        assertThat(parameters.intValue("period", 0)).isEqualTo(14);
        assertThat(parameters.doubleValue("threshold", 0)).isEqualTo(30.5);
        assertThat(parameters.booleanValue("confirm", false)).isTrue();
        assertThat(parameters.intValue("absent", 7)).isEqualTo(7);
        assertThat(parameters.doubleValue("absent", 2.5)).isEqualTo(2.5);
        assertThat(parameters.booleanValue("absent", true)).isTrue();
    }

    @Test
    void badValuesNameTheParameter() {
        StrategyParameters parameters = StrategyParameters.of(
                Map.of("period", "fourteen", "threshold", "NaN", "level", "x", "confirm", "yes"));

        assertThatThrownBy(() -> parameters.intValue("period", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'period' must be an integer, was 'fourteen'");
        assertThatThrownBy(() -> parameters.doubleValue("threshold", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'threshold'");
        assertThatThrownBy(() -> parameters.doubleValue("level", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'level' must be a number, was 'x'");
        assertThatThrownBy(() -> parameters.booleanValue("confirm", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'confirm' must be true or false, was 'yes'");
    }

    @Test
    void withDefaultsFillsTheGapsAndKeepsGivenValues() {
        StrategyParameters merged = StrategyParameters.of(Map.of("slow", "30"))
                .withDefaults(Map.of("fast", "12", "slow", "26"));

        assertThat(merged.values()).containsExactly(Map.entry("fast", "12"), Map.entry("slow", "30"));
    }

    @Test
    void withDefaultsRejectsAnUnknownKeyAndListsTheKnownOnes() {
        StrategyParameters typo = StrategyParameters.of(Map.of("slwo", "30"));

        assertThatThrownBy(() -> typo.withDefaults(Map.of("fast", "12", "slow", "26")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown parameter 'slwo'; known: fast, slow");
    }

    @Test
    void valuesAreSortedAndCannotBeChangedFromOutside() {
        Map<String, String> source = new HashMap<>(Map.of("b", "2", "a", "1"));
        StrategyParameters parameters = StrategyParameters.of(source);
        source.put("c", "3");

        assertThat(parameters.values()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThatThrownBy(() -> parameters.values().put("d", "4")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(StrategyParameters.empty().values()).isEmpty();
    }

    @Test
    void aMissingValueNamesTheParameter() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("period", null);

        assertThatThrownBy(() -> StrategyParameters.of(withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'period' has no value");
    }
}
