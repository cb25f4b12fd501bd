package dev.papertrader.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Order;
import dev.papertrader.localstack.broker.BrokerTopology;
import dev.papertrader.localstack.up.ReferenceRun;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoisonInjectorTests {

    private static final String FILL = """
            {"id":"fill-1","orderId":"o1","accountId":"default","symbol":"AAPL","side":"BUY","qty":"2.5",\
            "price":"101.25","fee":"0","filledAt":"2013-01-03T00:00:00Z"}""";
    private static final String BAR = """
            {"symbol":"AAPL","timeframe":"1d","openTime":"2013-01-02T00:00:00Z","open":"1","high":"2","low":"0.5",\
            "close":"1.5","volume":"0"}""";

    @Test
    void aFillIsBrokenSixWaysEachUnderItsOwnId() {
        Map<String, String> bodies = PoisonInjector.invalidBodies(FILL, "t1");
        assertThat(bodies).containsOnlyKeys("malformed JSON", "unknown fields", "zero quantity", "negative quantity",
                "NaN price", "Infinity price");
        assertThat(bodies.get("zero quantity")).contains("\"id\":\"$ID\"").contains("\"qty\":\"0\"").contains("\"price\":\"101.25\"");
        assertThat(bodies.get("negative quantity")).contains("\"qty\":\"-1\"");
        assertThat(bodies.get("NaN price")).contains("\"price\":\"NaN\"").contains("\"qty\":\"2.5\"");
        assertThat(bodies.get("Infinity price")).contains("\"price\":\"Infinity\"");
        assertThat(bodies.get("malformed JSON")).doesNotEndWith("}");
        assertThat(bodies.get("unknown fields")).doesNotContain("symbol").contains("colour");
    }

    @Test
    void aBarGetsANegativeVolumeButNotAZeroOneWhichIsARealBar() {
        Map<String, String> bodies = PoisonInjector.invalidBodies(BAR, "t1");
        assertThat(bodies).containsOnlyKeys("malformed JSON", "unknown fields", "negative quantity", "NaN price",
                "Infinity price");
        assertThat(bodies.get("negative quantity")).contains("\"volume\":\"-1\"");
        assertThat(bodies.get("NaN price")).contains("\"close\":\"NaN\"");
    }

    @Test
    void anUnknownSymbolOrderIsAValidOrderForASymbolTheStateComparisonLeavesOut() {
        String poison = PoisonInjector.unknownSymbolOrder("poison-3", "trial-3", Instant.parse("2013-11-25T00:10:00Z"));

        Order order = JsonCodec.decode(poison, Order.class);
        assertThat(order.id()).isEqualTo("poison-3");
        assertThat(order.symbol()).isEqualTo("CHAOS-UNKNOWN-trial-3");
        assertThat(order.accountId()).isEqualTo(ReferenceRun.ACCOUNT);
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2013-11-25T00:10:00Z"));
        assertThat(FinalState.QUERIES.get("orders")).contains("symbol not like 'CHAOS-UNKNOWN-%'");
    }

    @Test
    void everyInputAddressHasAKindAndItsConsumersDeadLetterEachCopy() {
        assertThat(PoisonInjector.KINDS.keySet()).containsExactlyInAnyOrderElementsOf(PoisonInjector.CONSUMER_SCHEMAS.keySet());
        for (String address : PoisonInjector.KINDS.keySet()) {
            assertThat(PoisonInjector.CONSUMER_SCHEMAS.get(address)).as(address).hasSize(PoisonInjector.consumers(address));
        }
        assertThat(PoisonInjector.consumers(BrokerTopology.TRADING_FILLS)).isEqualTo(3);
    }
}
