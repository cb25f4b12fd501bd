package dev.papertrader.order;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.ServiceRole;
import dev.papertrader.localstack.testing.ApiFuzzer;
import dev.papertrader.localstack.testing.StoredState;
import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operation of the order service's OpenAPI document, driven with generated bad input (see {@link ApiFuzzer}). */
@QuarkusTest
@OrderServiceTestProfile
class OrderFuzzTests {

    @Test
    void badInputNeverFailsTheServerAndChangesNothing() {
        StoredState state = StoredState.of(ServiceRole.ORDERS);
        state.settled(Duration.ofMillis(200), Duration.ofSeconds(10));
        ApiFuzzer fuzzer = new ApiFuzzer(20130102L).withValidBody("POST /api/orders/orders",
                "{\"accountId\":\"fuzz\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"qty\":1,\"limitPrice\":400}");
        assertThat(fuzzer.cases()).hasSizeGreaterThan(100);
        assertThat(fuzzer.failures(state)).isEmpty();
    }

    /** What the fuzzer found: a parameter of the wrong type was a 404, a NUL character a 500 from PostgreSQL. */
    @Test
    void parametersOfTheWrongTypeOrWithANulAreRefusedNamingThem() {
        List<Case> cases = List.of(
                Case.get("/api/orders/orders?page=abc", "page"),
                Case.get("/api/orders/fills?size=99999999999999999999", "size"),
                Case.get("/api/orders/fills?orderId=\u0000", "orderId"),
                Case.get("/api/orders/orders/a\u0000b", "id"));
        assertThat(ValidationCheck.failures(cases, () -> asTrader().get("/api/orders/orders?account=fuzz")
                .then().statusCode(200).extract().asString())).isEmpty();
    }
}
