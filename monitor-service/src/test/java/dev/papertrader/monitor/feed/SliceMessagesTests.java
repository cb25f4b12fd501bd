package dev.papertrader.monitor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.monitor.TestData;
import dev.papertrader.service.messaging.OutgoingMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceMessagesTests {

    static final Instant T = Instant.parse("2013-01-02T00:00:00Z");
    static final Bar AAA = TestData.bar("AAA", "1d", T, "10");
    static final Bar BBB = TestData.bar("BBB", "1d", T, "20");
    static final Signal BUY = new Signal(Signal.idFor("macd-crossover", "BBB", T, SignalType.BUY), "macd-crossover",
            "BBB", SignalType.BUY, new BigDecimal("0.5"), T, new BigDecimal("20"), Instant.parse("2026-01-01T00:00:00Z"),
            null);

    @Test
    void barsThenTheirSliceEndNamingThePreviousSliceThenSignalsThenTheirSliceEnd() {
        Instant previous = T.minusSeconds(86_400);
        List<OutgoingMessage> messages = SliceMessages.of(new TimeSlice(T, List.of(AAA, BBB)), List.of(BUY), previous);

        assertThat(messages).extracting(OutgoingMessage::address).containsExactly("market.bars", "market.bars",
                "market.bars", "trading.signals", "trading.signals");
        assertThat(messages).extracting(OutgoingMessage::type).containsExactly("bar", "bar", "slice-end", "signal",
                "slice-end");
        assertThat(messages).extracting(OutgoingMessage::id).containsExactly("AAA|1d|2013-01-02T00:00:00Z",
                "BBB|1d|2013-01-02T00:00:00Z", "monitor|market.bars|2013-01-02T00:00:00Z", BUY.id(),
                "monitor|trading.signals|2013-01-02T00:00:00Z");
        assertThat(JsonCodec.decode(messages.get(0).body(), Bar.class)).isEqualTo(AAA);
        assertThat(JsonCodec.decode(messages.get(2).body(), SliceEnd.class))
                .isEqualTo(new SliceEnd("monitor|market.bars|2013-01-02T00:00:00Z", "monitor", T, 2, previous));
        assertThat(JsonCodec.decode(messages.get(3).body(), Signal.class)).isEqualTo(BUY);
        assertThat(JsonCodec.decode(messages.get(4).body(), SliceEnd.class).count()).isEqualTo(1);
    }

    @Test
    void theSignalSliceEndIsSentEvenWithoutSignals() {
        List<OutgoingMessage> messages = SliceMessages.of(new TimeSlice(T, List.of(AAA)), List.of(), null);

        assertThat(messages).extracting(OutgoingMessage::type).containsExactly("bar", "slice-end", "slice-end");
        assertThat(messages.get(2).address()).isEqualTo("trading.signals");
        assertThat(JsonCodec.decode(messages.get(2).body(), SliceEnd.class))
                .isEqualTo(SliceEnd.of("monitor", "trading.signals", T, 0));
    }
}
