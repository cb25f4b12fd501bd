package dev.papertrader.portfolio;

import static dev.papertrader.portfolio.PortfolioTestSupport.awaitSnapshot;
import static dev.papertrader.portfolio.PortfolioTestSupport.bar;
import static dev.papertrader.portfolio.PortfolioTestSupport.monitorSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.nextSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.openAccount;
import static dev.papertrader.portfolio.PortfolioTestSupport.ordersSlice;
import static dev.papertrader.portfolio.PortfolioTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.model.PortfolioSnapshot;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A consumer that falls behind holds a bounded number of messages: the monitor publishes hundreds of slices while the
 * order service (played by the test) is silent, so the portfolio can book none of them and keeps their bars unsettled;
 * it stops reading at {@code papertrader.messaging.input.max-unsettled} (40 in tests) and the rest waits in the broker.
 * When the order service's watermarks arrive it catches up to the last slice.
 */
@QuarkusTest
@PortfolioServiceTestProfile
class PortfolioBackpressureTests {

    private static final int SLICES = 300;
    private static final int MAX_UNSETTLED = 40;
    private static final Pattern BARS_UNSETTLED = Pattern.compile(
            "papertrader_messaging_unsettled\\{queue=\"market\\.bars::market\\.bars\\.portfolio\"[^}]*} ([0-9.]+)");

    @Test
    void aConsumerThatFallsBehindHoldsABoundedNumberOfMessagesAndCatchesUp() throws Exception {
        String account = unique("backpressure-");
        String symbol = unique("BP");
        openAccount(account, "1000");
        List<Instant> slices = new ArrayList<>();
        for (int i = 0; i < SLICES; i++) {
            Instant time = nextSlice();
            slices.add(time);
            monitorSlice(time, bar(symbol, time, Integer.toString(100 + i % 7)));
        }

        // 600 messages published, none can be booked: the portfolio holds up to the cap and no more.
        double held = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (held < MAX_UNSETTLED && System.nanoTime() < deadline) {
            Thread.sleep(200);
            held = barsUnsettled();
        }
        assertThat(held).as("the bars queue fills up to the cap").isEqualTo(MAX_UNSETTLED);
        Thread.sleep(2_000);
        assertThat(barsUnsettled()).as("and stays there while the consumer is behind").isEqualTo(MAX_UNSETTLED);

        for (Instant time : slices) {
            ordersSlice(time);
        }
        PortfolioSnapshot last = awaitSnapshot(account, slices.getLast());
        assertThat(last.asOf()).isEqualTo(slices.getLast());
        assertThat(last.equity()).isEqualByComparingTo("1000");
        assertThat(barsUnsettled()).as("nothing is left held once it has caught up").isZero();
    }

    private static double barsUnsettled() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = BARS_UNSETTLED.matcher(metrics);
        assertThat(matcher.find()).as("the unsettled gauge of the bars queue in\n%s", metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
