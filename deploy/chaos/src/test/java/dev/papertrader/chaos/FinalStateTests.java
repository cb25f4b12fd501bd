package dev.papertrader.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FinalStateTests {

    @Test
    void decimalsAreComparedByValueAndTimesAsUtcInstants() {
        assertThat(FinalState.line(new BigDecimal("1.50"), new BigDecimal("0.000"), null, "x",
                OffsetDateTime.of(2013, 1, 2, 1, 0, 0, 0, ZoneOffset.ofHours(1))))
                .isEqualTo("1.5|0||x|2013-01-02T00:00:00Z");
        assertThat(FinalState.canonical(new BigDecimal("1E+2"))).isEqualTo("100");
    }

    @Test
    void equalTablesHaveNoDifferenceAndOtherwiseEachTableSaysWhatIsMissingAndWhatIsExtra() {
        Map<String, List<String>> expected = Map.of("fills", List.of("f1|o1", "f2|o2"));
        assertThat(FinalState.differences(expected, Map.of("fills", List.of("f1|o1", "f2|o2")))).isEmpty();
        assertThat(FinalState.differences(expected, Map.of("fills", List.of("f1|o1", "f3|o3"))))
                .containsExactly("fills: 2 rows expected, 2 found; missing 1 e.g. [f2|o2], extra 1 e.g. [f3|o3]");
        assertThat(FinalState.differences(expected, Map.of("fills", List.of("f2|o2", "f1|o1"))))
                .containsExactly("fills: 2 rows expected, 2 found; missing 0, extra 0 (same rows, other order)");
    }

    @Test
    void aFillNeverMadeOrMadeButNeverBookedIsLost() {
        FinalState state = state(List.of(fill("f1", "o1"), fill("f2", "o2")), List.of(booked("f1", "o1")));
        // f2 made but not booked, f3 never made
        assertThat(state.lostFills(Set.of("f1", "f2", "f3"))).isEqualTo(2);
        assertThat(state.lostFills(Set.of("f1"))).isZero();
    }

    @Test
    void theSameFillUnderAnotherIdOrTheSameIdTwiceIsADuplicate() {
        assertThat(state(List.of(fill("f1", "o1"), fill("f2", "o2")), List.of(booked("f1", "o1"), booked("f2", "o2")))
                .duplicateFills()).isZero();
        // the exchange filled o1 twice (other id, same order, qty, price, time); the portfolio booked f1 twice
        assertThat(state(List.of(fill("f1", "o1"), fill("f1bis", "o1")), List.of(booked("f1", "o1"), booked("f1", "o1")))
                .duplicateFills()).isEqualTo(2);
    }

    @Test
    void multisetDifferenceKeepsRepeatedRows() {
        assertThat(FinalState.minus(List.of("a", "a", "b"), List.of("a"))).containsExactly("a", "b");
    }

    private static String fill(String id, String order) {
        return FinalState.line(id, order, "BTCUSD", "BUY", new BigDecimal("2"), new BigDecimal("100"), BigDecimal.ZERO,
                "2013-11-25T00:01:00Z");
    }

    private static String booked(String id, String order) {
        return FinalState.line(id, order, "default", "BTCUSD", "BUY", new BigDecimal("2"), new BigDecimal("100"),
                BigDecimal.ZERO, "2013-11-25T00:01:00Z", "2013-11-25T00:01:00Z");
    }

    private static FinalState state(List<String> fills, List<String> booked) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("fills", fills);
        tables.put("booked fills", booked);
        return new FinalState(tables);
    }
}
