package dev.papertrader.monitor.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.monitor.feed.binance.BinanceMessages.Control;
import dev.papertrader.monitor.feed.binance.BinanceMessages.KlineEvent;
import dev.papertrader.monitor.feed.binance.BinanceMessages.Malformed;
import dev.papertrader.monitor.feed.binance.BinanceMessages.StreamMessage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binance's documented formats, read from the fixture files (see make-fixtures.py beside them). */
class BinanceMessagesTests {

    static String resource(String name) {
        try (InputStream in = BinanceMessagesTests.class.getResourceAsStream("/binance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> frames(String script) {
        return resource(script).lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    @Test
    void aClosedKlineEventBecomesAnExactBar() {
        StreamMessage message = BinanceMessages.parseFrame(frames("ws-normal.txt").get(1));
        assertThat(message).isInstanceOf(KlineEvent.class);
        BinanceKline kline = ((KlineEvent) message).kline();
        assertThat(kline.closed()).isTrue();
        assertThat(kline.symbol()).isEqualTo("BTCUSDT");
        assertThat(kline.interval()).isEqualTo("1m");
        assertThat(kline.openTime()).isEqualTo(Instant.parse("2013-11-25T00:10:00Z"));
        assertThat(kline.closeTime()).isEqualTo(Instant.parse("2013-11-25T00:10:59.999Z"));
        assertThat(kline.eventTime()).isEqualTo(Instant.parse("2013-11-25T00:11:00Z"));
        Bar bar = kline.toBar("1m");
        // the same values as row 10 of the REST fixture, to the last digit
        List<BinanceKline> rest = BinanceMessages.parseKlines(resource("klines-BTCUSDT-1m.json"), "BTCUSDT", "1m");
        assertThat(rest).hasSize(60);
        assertThat(rest.get(10).toBar("1m")).isEqualTo(bar);
        assertThat(bar.close().scale()).isEqualTo(8);
    }

    @Test
    void anOpenKlineIsMarkedNotClosed() {
        StreamMessage message = BinanceMessages.parseFrame(frames("ws-normal.txt").get(0));
        assertThat(((KlineEvent) message).kline().closed()).isFalse();
    }

    @Test
    void theCombinedStreamEnvelopeIsReadToo() {
        String raw = frames("ws-normal.txt").get(1);
        StreamMessage wrapped = BinanceMessages.parseFrame("{\"stream\":\"btcusdt@kline_1m\",\"data\":" + raw + "}");
        assertThat(wrapped).isEqualTo(BinanceMessages.parseFrame(raw));
    }

    @Test
    void restRowsKeepTheirDecimalStrings() {
        BinanceKline first = BinanceMessages.parseKlines("""
                [[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,
                  "2434.19055334",308,"1756.87402397","28.46694368","0"]]""", "BNBBTC", "1d").get(0);
        assertThat(first.openTime()).isEqualTo(Instant.ofEpochMilli(1499040000000L));
        assertThat(first.open()).isEqualTo(new BigDecimal("0.01634790"));
        assertThat(first.high()).isEqualTo(new BigDecimal("0.80000000"));
        assertThat(first.low()).isEqualTo(new BigDecimal("0.01575800"));
        assertThat(first.close()).isEqualTo(new BigDecimal("0.01577100"));
        assertThat(first.volume()).isEqualTo(new BigDecimal("148976.11427815"));
        assertThat(first.closed()).isTrue();
    }

    @Test
    void malformedFramesSayWhyAndControlMessagesAreNotMalformed() {
        List<String> frames = frames("ws-malformed.txt");
        assertThat(BinanceMessages.parseFrame(frames.get(1))).isInstanceOf(Malformed.class); // not JSON
        assertThat(BinanceMessages.parseFrame(frames.get(2))).isInstanceOf(Malformed.class); // truncated
        assertThat(((Malformed) BinanceMessages.parseFrame(frames.get(3))).reason()).contains("o").contains("abc");
        // high below low parses, but is refused as a bar
        BinanceKline inverted = ((KlineEvent) BinanceMessages.parseFrame(frames.get(4))).kline();
        assertThatThrownBy(() -> inverted.toBar("1m")).isInstanceOf(IllegalArgumentException.class);
        assertThat(((Malformed) BinanceMessages.parseFrame(frames.get(5))).reason()).contains("k is missing");
        assertThat(BinanceMessages.parseFrame(frames.get(6))).isInstanceOf(Control.class);
        assertThat(BinanceMessages.parseFrame("[1,2]")).isInstanceOf(Malformed.class);
    }

    @Test
    void aBadKlinesResponseIsAnError() {
        assertThatThrownBy(() -> BinanceMessages.parseKlines("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", "X", "1m"))
                .hasMessageContaining("not an array");
        assertThatThrownBy(() -> BinanceMessages.parseKlines("[[1,\"x\",\"1\",\"1\",\"1\",\"1\",2]]", "X", "1m"))
                .hasMessageContaining("row 0");
    }

    @Test
    void subscribeRequestsAndStreamNamesFollowTheDocumentation() {
        assertThat(BinanceMessages.request("SUBSCRIBE", List.of("btcusdt@kline_1m"), 1))
                .isEqualTo("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@kline_1m\"],\"id\":1}");
        assertThat(BinanceMessages.klineStream("ETHUSDT", "1h")).isEqualTo("ethusdt@kline_1h");
        assertThat(BinanceRestClient.retryAfter("7")).contains(java.time.Duration.ofSeconds(7));
        assertThat(BinanceRestClient.retryAfter("soon")).isEmpty();
    }
}
