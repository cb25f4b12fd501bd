package dev.papertrader.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.SliceEnd;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutgoingMessageTests {

    static final Instant T = Instant.parse("2013-01-03T00:00:00Z");

    @Test
    void aRecordGivesItsIdKindAndJsonBody() {
        Fill fill = new Fill("f-1", "o-1", "acc-1", "AAPL", Side.BUY, new BigDecimal("10"), new BigDecimal("101.25"),
                new BigDecimal("0.00"), T);

        OutgoingMessage message = OutgoingMessage.of("trading.fills", fill);

        assertThat(message.id()).isEqualTo("f-1");
        assertThat(message.type()).isEqualTo("fill");
        assertThat(message.address()).isEqualTo("trading.fills");
        assertThat(message.body()).contains("\"price\":101.25", "\"fee\":0.00", "\"filledAt\":\"2013-01-03T00:00:00Z\"");
        assertThat(message.properties()).isEmpty();
    }

    @Test
    void everyKindHasItsWireNameAndAStableId() {
        assertThat(OutgoingMessage.of("trading.fills", SliceEnd.of("orders", "trading.fills", T, 3)))
                .extracting(OutgoingMessage::id, OutgoingMessage::type)
                .containsExactly("orders|trading.fills|2013-01-03T00:00:00Z", "slice-end");
        PortfolioSnapshot snapshot = new PortfolioSnapshot("acc-1", BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN,
                BigDecimal.TEN, List.of(), T);
        assertThat(OutgoingMessage.of("portfolio.updates", snapshot))
                .extracting(OutgoingMessage::id, OutgoingMessage::type)
                .containsExactly("snapshot|acc-1|2013-01-03T00:00:00Z", "snapshot");
        assertThat(MessageType.ofWireName("order-status")).contains(MessageType.ORDER_STATUS);
    }

    @Test
    void propertiesAreAddedButTypeIsReserved() {
        OutgoingMessage message = new OutgoingMessage("id", "dead.letters", "bar", "{}", Map.of())
                .withProperty("reason", "bad");
        assertThat(message.properties()).containsExactly(Map.entry("reason", "bad"));
        assertThatThrownBy(() -> message.withProperty("type", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutgoingMessage.of("a", "not a record")).hasMessageStartingWith("not a message record");
    }
}
