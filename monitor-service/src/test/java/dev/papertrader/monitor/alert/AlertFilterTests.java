package dev.papertrader.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.papertrader.core.json.JsonCodec;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertFilterTests {

    static final Instant T = Instant.parse("2013-03-01T00:00:00Z");

    static AlertEvent event(AlertType type, String symbol, String account) {
        return new AlertEvent(type, T, symbol, account, NullNode.getInstance());
    }

    @Test
    void aQueryStringGivesEachSetCommaSeparatedOrRepeatedSingularOrPlural() {
        AlertFilter filter = AlertFilter.ofQuery("symbols=AAPL,MSFT&symbol=XYZ&types=fill,%20decision&type=Risk-Breach"
                + "&account=default&other=ignored");
        assertThat(filter.symbols()).containsExactlyInAnyOrder("AAPL", "MSFT", "XYZ");
        assertThat(filter.types()).containsExactlyInAnyOrder(AlertType.FILL, AlertType.DECISION, AlertType.RISK_BREACH);
        assertThat(filter.accounts()).containsExactly("default");
        assertThat(AlertFilter.ofQuery(null)).isEqualTo(AlertFilter.ALL);
        assertThat(AlertFilter.ofQuery("")).isEqualTo(AlertFilter.ALL);
        assertThat(AlertFilter.ofQuery("symbols=")).isEqualTo(AlertFilter.ALL);
    }

    @Test
    void anUnknownTypeIsRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> AlertFilter.ofQuery("types=fills")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown alert type 'fills'; expected some of signal,decision,risk-breach,order-status,"
                        + "fill,portfolio,feed-status");
        // notices are not filterable
        assertThatThrownBy(() -> AlertFilter.ofQuery("types=dropped")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJsonMessageGivesTheSetsAndMissingOrNullFieldsRestrictNothing() throws Exception {
        AlertFilter filter = AlertFilter.ofJson(JsonCodec.mapper().readTree(
                "{\"symbols\":[\"AAPL\"],\"types\":[\"portfolio\"],\"accounts\":null}"));
        assertThat(filter).isEqualTo(new AlertFilter(Set.of("AAPL"), Set.of(AlertType.PORTFOLIO), Set.of()));
        assertThat(AlertFilter.ofJson(JsonCodec.mapper().readTree("{}"))).isEqualTo(AlertFilter.ALL);
        assertThatThrownBy(() -> AlertFilter.ofJson(JsonCodec.mapper().readTree("[1]")))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> AlertFilter.ofJson(JsonCodec.mapper().readTree("{\"symbols\":\"AAPL\"}")))
                .hasMessage("'symbols' must be an array of strings");
        assertThatThrownBy(() -> AlertFilter.ofJson(JsonCodec.mapper().readTree("{\"accounts\":[1]}")))
                .hasMessage("'accounts' must be an array of non-blank strings");
    }

    @Test
    void eachSetRestrictsOnlyEventsThatCarryItsField() {
        AlertFilter filter = new AlertFilter(Set.of("AAPL"), Set.of(), Set.of("default"));
        assertThat(filter.matches(event(AlertType.FILL, "AAPL", "default"))).isTrue();
        assertThat(filter.matches(event(AlertType.FILL, "MSFT", "default"))).isFalse();
        assertThat(filter.matches(event(AlertType.FILL, "AAPL", "other"))).isFalse();
        // a portfolio update has no symbol, a signal no account, feed status neither
        assertThat(filter.matches(event(AlertType.PORTFOLIO, null, "default"))).isTrue();
        assertThat(filter.matches(event(AlertType.PORTFOLIO, null, "other"))).isFalse();
        assertThat(filter.matches(event(AlertType.SIGNAL, "AAPL", null))).isTrue();
        assertThat(filter.matches(event(AlertType.SIGNAL, "MSFT", null))).isFalse();
        assertThat(filter.matches(event(AlertType.FEED_STATUS, null, null))).isTrue();
    }

    @Test
    void theTypeSetRestrictsEveryEventButTheConnectionNotices() {
        AlertFilter filter = new AlertFilter(Set.of(), Set.of(AlertType.FILL), Set.of());
        assertThat(filter.matches(event(AlertType.FILL, "AAPL", "default"))).isTrue();
        assertThat(filter.matches(event(AlertType.DECISION, "AAPL", "default"))).isFalse();
        assertThat(filter.matches(event(AlertType.FEED_STATUS, null, null))).isFalse();
        assertThat(filter.matches(event(AlertType.DROPPED, null, null))).isTrue();
        assertThat(filter.matches(event(AlertType.SUBSCRIBED, null, null))).isTrue();
        assertThat(AlertFilter.ALL.matches(event(AlertType.RISK_BREACH, "X", "y"))).isTrue();
    }
}
