package dev.papertrader.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.LocalInfraTestResource;
import dev.papertrader.localstack.ServiceRole;
import dev.papertrader.localstack.testing.ApiFuzzer;
import dev.papertrader.localstack.testing.StoredState;
import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operation of the monitor's OpenAPI document, driven with generated bad input (see {@link ApiFuzzer}). */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class MonitorFuzzTests {

    private static final String ENTRY = "{\"symbol\":\"FUZZ\",\"timeframe\":\"1d\",\"strategy\":\"macd-crossover\"}";

    @Test
    void badInputNeverFailsTheServerAndChangesNothing() {
        int id = WatchlistResourceTests.add(ENTRY);
        StoredState state = StoredState.of(ServiceRole.MONITOR);
        state.settled(Duration.ofMillis(200), Duration.ofSeconds(10));
        ApiFuzzer fuzzer = new ApiFuzzer(20130102L)
                .withValidBody("POST /api/monitor/watchlist", ENTRY)
                .withValidBody("PUT /api/monitor/watchlist/{id}", "{\"enabled\":true}")
                .withPathValue("id", String.valueOf(id));
        assertThat(fuzzer.cases()).hasSizeGreaterThan(100);
        assertThat(fuzzer.failures(state)).isEmpty();
    }

    /** What the fuzzer found: a parameter of the wrong type was a 404, a NUL character a 500 from PostgreSQL. */
    @Test
    void parametersOfTheWrongTypeOrWithANulAreRefusedNamingThem() {
        List<Case> cases = List.of(
                Case.get("/api/monitor/signals?page=abc", "page"),
                Case.get("/api/monitor/events?limit=1e400", "limit"),
                Case.get("/api/monitor/signals?symbol=\u0000", "symbol"),
                Case.put("/api/monitor/watchlist/abc", "{\"enabled\":true}", "id"),
                Case.post("/api/monitor/feed/start?speed=fast", null, "speed"));
        assertThat(ValidationCheck.failures(cases, StoredState.of(ServiceRole.MONITOR))).isEmpty();
    }
}
