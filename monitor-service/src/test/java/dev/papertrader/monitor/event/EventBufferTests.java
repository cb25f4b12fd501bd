package dev.papertrader.monitor.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class EventBufferTests {

    static void add(EventBuffer buffer, int n) {
        for (int i = 1; i <= n; i++) {
            buffer.add("trading.fills", "fill", "fill-" + i, TextNode.valueOf("body " + i));
        }
    }

    @Test
    void keepsTheLatestEventsUpToItsCapacityNewestFirst() {
        EventBuffer buffer = new EventBuffer(3);
        add(buffer, 5);

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.latest(10)).extracting(MonitoredEvent::seq).containsExactly(5L, 4L, 3L);
        assertThat(buffer.latest(2)).extracting(MonitoredEvent::id).containsExactly("fill-5", "fill-4");
    }

    @Test
    void startsEmpty() {
        assertThat(new EventBuffer(3).latest(5)).isEmpty();
    }

    @Test
    void aCapacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new EventBuffer(0)).hasMessageContaining("buffer-size");
    }
}
