package dev.papertrader.monitor.feed.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.papertrader.core.model.Bar;
import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.monitor.feed.FeedHealth;
import dev.papertrader.monitor.feed.TimeSlice;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Binance feed against {@link FakeBinance}, one protocol scenario per test: the real websockets-next client and
 * Quarkus REST client, a fresh feed per scenario (the monitor's own feed is the replay of the default test profile,
 * so this shares its Quarkus boot).
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class BinanceFeedProtocolTests {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final List<Bar> FIXTURE = BinanceMessages.parseKlines(BinanceMessagesTests.resource("klines-BTCUSDT-1m.json"),
            "BTCUSDT", "1m").stream().map(kline -> kline.toBar("1m")).toList();

    static FakeBinance exchange;

    @Inject
    BinanceFeedProvider provider;

    BinanceFeed feed;

    @BeforeAll
    static void startExchange() {
        exchange = new FakeBinance();
    }

    @AfterAll
    static void stopExchange() {
        exchange.close();
    }

    @AfterEach
    void disconnect() {
        if (feed != null) {
            feed.disconnect();
        }
    }

    BinanceFeed feed(int historyBars) {
        BinanceFeed.Settings settings = new BinanceFeed.Settings(exchange.url("ws"), List.of("BTCUSDT"), "1m",
                historyBars, 1000, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofMillis(100),
                Duration.ofSeconds(1), 0.5, 3, 5, Duration.ofMillis(100));
        feed = provider.create(settings, exchange.url("http"));
        return feed;
    }

    /** Slices taken from the feed until there are {@code count}. */
    static List<TimeSlice> slices(BinanceFeed feed, int count) {
        List<TimeSlice> slices = new ArrayList<>();
        await().atMost(TIMEOUT).until(() -> {
            for (Optional<TimeSlice> next = feed.next(); next.isPresent(); next = feed.next()) {
                slices.add(next.get());
            }
            return slices.size() >= count;
        });
        return slices;
    }

    /** The fixture's bars {@code first} to {@code last}, each as a slice of one bar. */
    static List<TimeSlice> expected(int first, int last) {
        return IntStream.rangeClosed(first, last)
                .mapToObj(i -> new TimeSlice(FIXTURE.get(i).openTime(), List.of(FIXTURE.get(i)))).toList();
    }

    static long millis(int bar) {
        return FIXTURE.get(bar).openTime().toEpochMilli();
    }

    @Test
    void aNormalStreamGivesTheClosedBarsExactlyAfterTheWarmUpHistoryAndAnswersPings() {
        exchange.play("ws-normal.txt");
        BinanceFeed feed = feed(5);
        feed.connect();

        // bars 5..9 from REST (history before the first live bar), then 10..14 live; open klines never become bars
        assertThat(slices(feed, 10)).isEqualTo(expected(5, 14));
        assertThat(exchange.received).containsExactly(
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@kline_1m\"],\"id\":1}");
        assertThat(exchange.restRequests).containsExactly("symbol=BTCUSDT&interval=1m&startTime=" + millis(5)
                + "&endTime=" + (millis(10) - 1) + "&limit=5");
        await().atMost(TIMEOUT).until(() -> exchange.pongs.contains("papertrader-heartbeat"));
        FeedHealth health = feed.health();
        assertThat(health.connected()).isTrue();
        assertThat(health.subscribed()).containsExactly("BTCUSDT");
        assertThat(health.lastBarTime()).isEqualTo(FIXTURE.get(14).openTime());
        assertThat(health.recoveredBars()).isEqualTo(5);
        assertThat(health.malformed()).isZero();
        assertThat(health.lagMillis()).isNotNull();
    }

    @Test
    void aDroppedConnectionIsReopenedAndTheMissedBarsAreFetchedInOrderBeforeTheLiveOnes() {
        exchange.play("ws-drop.txt");
        BinanceFeed feed = feed(0);
        feed.connect();

        assertThat(slices(feed, 10)).isEqualTo(expected(10, 19));
        assertThat(exchange.connections()).isEqualTo(2);
        assertThat(exchange.received).hasSize(2); // one SUBSCRIBE per connection
        assertThat(exchange.restRequests).containsExactly("symbol=BTCUSDT&interval=1m&startTime=" + millis(14)
                + "&endTime=" + (millis(17) - 1) + "&limit=3");
        FeedHealth health = feed.health();
        assertThat(health.reconnects()).isEqualTo(1);
        assertThat(health.recoveredBars()).isEqualTo(3);
        assertThat(health.connected()).isTrue();
    }

    @Test
    void outOfOrderAndDuplicateFramesGiveEachBarOnceInOrder() {
        exchange.play("ws-disorder.txt");
        BinanceFeed feed = feed(0);
        feed.connect();

        List<TimeSlice> slices = slices(feed, 5);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> feed.next().isEmpty());
        assertThat(slices).isEqualTo(expected(10, 14));
        // the second 11 and the second 14 at least; 12 too when its REST copy came first
        assertThat(feed.health().duplicates() + feed.health().late()).isBetween(2L, 3L);
    }

    @Test
    void malformedFramesAreCountedAndDroppedAndTheConnectionStays() {
        exchange.play("ws-malformed.txt");
        BinanceFeed feed = feed(0);
        feed.connect();

        assertThat(slices(feed, 2)).isEqualTo(expected(10, 11));
        // not JSON, truncated, a price "abc", no k, high below low; the SUBSCRIBE answer is not malformed
        assertThat(feed.health().malformed()).isEqualTo(5);
        assertThat(exchange.connections()).isEqualTo(1);
        assertThat(feed.health().reconnects()).isZero();
    }

    @Test
    void aRateLimitAnswerIsWaitedOutPerRetryAfterThenTheGapIsFetched() {
        exchange.play("ws-drop.txt").rateLimitNext(1, 1);
        BinanceFeed feed = feed(0);
        feed.connect();

        assertThat(slices(feed, 10)).isEqualTo(expected(10, 19));
        String range = "symbol=BTCUSDT&interval=1m&startTime=" + millis(14) + "&endTime=" + (millis(17) - 1)
                + "&limit=3";
        assertThat(exchange.restRequests).containsExactly(range, range);
        assertThat(feed.health().rateLimited()).isEqualTo(1);
        assertThat(feed.health().lastError()).contains("429");
    }

    @Test
    void aSymbolAddedAtRunTimeIsSubscribedAndARemovedOneUnsubscribed() {
        exchange.play("ws-normal.txt");
        BinanceFeed feed = feed(0);
        feed.connect();
        slices(feed, 5);

        feed.watch(List.of(new dev.papertrader.monitor.feed.Instrument("ETHUSDT", "1m"),
                new dev.papertrader.monitor.feed.Instrument("AAPL", "1d")));
        await().atMost(TIMEOUT).until(() -> exchange.received.size() == 2);
        assertThat(exchange.received.get(1)).isEqualTo(
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@kline_1m\"],\"id\":2}");
        assertThat(feed.instruments()).extracting(i -> i.symbol()).containsExactly("BTCUSDT", "ETHUSDT");

        feed.watch(List.of());
        await().atMost(TIMEOUT).until(() -> exchange.received.size() == 3);
        assertThat(exchange.received.get(2)).isEqualTo(
                "{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethusdt@kline_1m\"],\"id\":3}");
        assertThat(feed.health().subscribed()).containsExactly("BTCUSDT");
    }

    @Test
    void afterARestartTheBarsSinceTheLastPublishedSliceAreFetchedFirst() {
        exchange.play("ws-normal.txt");
        BinanceFeed feed = feed(0);
        feed.seekAfter(FIXTURE.get(6).openTime());
        feed.connect();

        assertThat(slices(feed, 8)).isEqualTo(expected(7, 14));
        assertThat(exchange.restRequests).containsExactly("symbol=BTCUSDT&interval=1m&startTime=" + millis(7)
                + "&endTime=" + (millis(10) - 1) + "&limit=3");
        assertThat(Instant.ofEpochMilli(millis(7))).isEqualTo(FIXTURE.get(7).openTime());
    }
}
