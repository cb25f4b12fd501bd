package dev.papertrader.monitor.feed.binance;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link FakeBinance} before Quarkus and points the monitor's Binance URLs at it. */
public class FakeBinanceResource implements QuarkusTestResourceLifecycleManager {

    static volatile FakeBinance exchange;

    @Override
    public Map<String, String> start() {
        exchange = new FakeBinance().play("ws-normal.txt");
        return Map.of("papertrader.monitor.binance.rest-url", exchange.url("http"),
                "papertrader.monitor.binance.ws-url", exchange.url("ws"));
    }

    @Override
    public void stop() {
        if (exchange != null) {
            exchange.close();
        }
    }
}
