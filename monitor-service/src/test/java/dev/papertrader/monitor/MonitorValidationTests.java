package dev.papertrader.monitor;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every monitor endpoint that takes input: bad input is a 400 problem naming the field, and nothing is stored. */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class MonitorValidationTests {

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        int id = WatchlistResourceTests.add("{\"symbol\":\"VALID\",\"timeframe\":\"1d\",\"strategy\":\"macd-crossover\"}");
        List<Case> cases = List.of(
                Case.get("/api/monitor/signals?type=HOLD", "type"),
                Case.get("/api/monitor/signals?from=yesterday", "from"),
                Case.get("/api/monitor/signals?to=2013-13-01", "to"),
                Case.get("/api/monitor/signals?order=sideways", "order"),
                Case.get("/api/monitor/signals?page=-1", "page"),
                Case.get("/api/monitor/signals?size=0", "size"),
                Case.get("/api/monitor/signals?size=1001", "size"),
                Case.get("/api/monitor/events?limit=0", "limit"),
                Case.post("/api/monitor/watchlist", "{\"timeframe\":\"1d\",\"strategy\":\"macd-crossover\"}", "symbol"),
                Case.post("/api/monitor/watchlist", "{\"symbol\":\"V\",\"timeframe\":\"fortnightly\",\"strategy\":\"macd-crossover\"}",
                        "timeframe"),
                Case.post("/api/monitor/watchlist", "{\"symbol\":\"V\",\"timeframe\":\"1d\",\"strategy\":\"astrology\"}", "strategy"),
                Case.post("/api/monitor/watchlist", "{\"symbol\":\"V\",\"timeframe\":\"1d\",\"strategy\":\"macd-crossover\","
                        + "\"parameters\":{\"fastPeriod\":\"-3\"}}", "parameters"),
                Case.post("/api/monitor/watchlist", "{\"symbol\":\"V\",\"timeframe\":\"1d\",\"strategy\":\"macd-crossover\","
                        + "\"enabled\":\"perhaps\"}", "enabled"),
                Case.put("/api/monitor/watchlist/" + id, "{\"parameters\":{\"noSuchParameter\":\"1\"}}", "parameters"),
                Case.put("/api/monitor/watchlist/" + id, "{\"enabled\":[]}", "enabled"),
                Case.post("/api/monitor/feed/start?speed=-1", null, "speed"));
        assertThat(ValidationCheck.failures(cases, () -> asTrader().get("/api/monitor/watchlist").then().statusCode(200)
                .extract().asString())).isEmpty();
    }
}
