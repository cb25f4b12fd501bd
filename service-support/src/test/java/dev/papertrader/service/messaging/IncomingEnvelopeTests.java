package dev.papertrader.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.MessageFormatException;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.SliceEnd;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncomingEnvelopeTests {

    static final String BAR = """
            {"symbol":"AAPL","timeframe":"1d","openTime":"2013-01-02T00:00:00Z","open":"101.25","high":102,
             "low":100.5,"close":101.75,"volume":1000}""";
    static final String ORDER = """
            {"id":"o-1","accountId":"acc-1","symbol":"AAPL","side":"BUY","type":"MARKET","qty":10,
             "timeInForce":"GTC","createdAt":"2013-01-02T00:00:00Z"}""";

    private final CountingSettlement settlement = new CountingSettlement();

    private IncomingEnvelope envelope(String id, String type, String body) {
        return IncomingEnvelope.of("trading.orders", id, type, body, settlement);
    }

    @Test
    void theTypePropertyNamesTheRecord() {
        IncomingEnvelope envelope = envelope("o-1", "order", ORDER);
        assertThat(envelope.type()).isEqualTo(MessageType.ORDER);
        assertThat(envelope.decode()).isInstanceOf(Order.class);
    }

    @Test
    void withoutATypePropertyTheKindIsInferredFromTheFields() {
        assertThat(envelope(null, null, BAR).type()).isEqualTo(MessageType.BAR);
        assertThat(envelope(null, null, ORDER).type()).isEqualTo(MessageType.ORDER);
        String end = """
                {"id":"monitor|market.bars|2013-01-02T00:00:00Z","source":"monitor","time":"2013-01-02T00:00:00Z","count":2}""";
        assertThat(envelope(null, null, end).decode()).isEqualTo(
                SliceEnd.of("monitor", "market.bars", Instant.parse("2013-01-02T00:00:00Z"), 2));
    }

    @Test
    void decimalsAreReadExactly() {
        Bar bar = (Bar) envelope(null, "bar", BAR).decode();
        assertThat(bar.open()).isEqualByComparingTo("101.25").hasScaleOf(2);
        assertThat(bar.low()).hasScaleOf(1);
    }

    @Test
    void theIdIsTheMessageIdElseTheBodysIdElseTheRecordsId() {
        assertThat(envelope("amqp-id", "order", ORDER).id(null)).isEqualTo("amqp-id");
        assertThat(envelope(null, "order", ORDER).id(null)).isEqualTo("o-1");
        IncomingEnvelope bar = envelope(null, "bar", BAR);
        assertThat(bar.declaredId()).isNull();
        assertThat(bar.id(bar.decode())).isEqualTo("AAPL|1d|2013-01-02T00:00:00Z");
    }

    @Test
    void poisonFailsWithTheReason() {
        assertThatThrownBy(() -> envelope("x", null, "{not json").decode())
                .isInstanceOf(MessageFormatException.class).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> envelope("x", "trade", ORDER).decode())
                .isInstanceOf(MessageFormatException.class).hasMessage("unknown message type 'trade'");
        assertThatThrownBy(() -> envelope("x", null, "{\"foo\":1}").decode())
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("match no message kind");
        assertThatThrownBy(() -> envelope("x", "order", ORDER.replace("\"qty\":10", "\"qty\":-10")).decode())
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("qty must be positive, was -10");
        assertThatThrownBy(() -> envelope("x", "order", null).decode())
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("the body is not text");
    }

    @Test
    void aMessageIsSettledOnce() {
        IncomingEnvelope envelope = envelope("o-1", "order", ORDER);
        envelope.ack().await().indefinitely();
        envelope.nack(new RuntimeException("late")).await().indefinitely();
        envelope.ack().await().indefinitely();

        assertThat(envelope.isSettled()).isTrue();
        assertThat(settlement.acks.get()).isEqualTo(1);
        assertThat(settlement.nacks.get()).isZero();
    }
}
