package dev.papertrader.localstack.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveFeedOptionsTest {

    @Test
    void replayKeepsTheReferenceRun() {
        Map<String, Map<String, String>> reference = ReferenceRun.serviceProperties(5);
        assertThat(LiveFeedOptions.apply(reference, "replay", "BTCUSDT", "1m")).isSameAs(reference);
    }

    @Test
    void binanceReplacesOnlyTheMonitorsFeed() {
        Map<String, Map<String, String>> reference = ReferenceRun.serviceProperties(5);
        Map<String, Map<String, String>> live = LiveFeedOptions.apply(reference, "binance", "btcusdt,ethusdt", "5m");
        assertThat(live.get("monitor")).containsEntry("papertrader.monitor.feed.type", "binance")
                .containsEntry("papertrader.monitor.binance.symbols", "BTCUSDT,ETHUSDT")
                .containsEntry("papertrader.monitor.binance.interval", "5m")
                .containsEntry("papertrader.monitor.watchlist.seed-strategies",
                        reference.get("monitor").get("papertrader.monitor.watchlist.seed-strategies"));
        assertThat(live.get("router")).isEqualTo(reference.get("router"));
        assertThat(reference.get("monitor")).containsEntry("papertrader.monitor.feed.type", "replay");
    }

    @Test
    void anUnknownFeedOrNoSymbolIsRefused() {
        Map<String, Map<String, String>> reference = ReferenceRun.serviceProperties(5);
        assertThatThrownBy(() -> LiveFeedOptions.apply(reference, "kraken", "X", "1m")).hasMessageContaining("--feed");
        assertThatThrownBy(() -> LiveFeedOptions.apply(reference, "binance", " ", "1m")).hasMessageContaining("--symbols");
    }
}
