package dev.papertrader.order;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every order-service endpoint that takes input: bad input is a 400 problem naming the field, and nothing is stored. */
@QuarkusTest
@OrderServiceTestProfile
class OrderValidationTests {

    private static final String ORDER = "{\"accountId\":\"validation\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":1";

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        List<Case> cases = List.of(
                Case.get("/api/orders/orders?status=SLEEPING", "status"),
                Case.get("/api/orders/orders?page=-1", "page"),
                Case.get("/api/orders/orders?size=501", "size"),
                Case.get("/api/orders/fills?size=0", "size"),
                Case.get("/api/orders/fills?page=-2", "page"),
                Case.post("/api/orders/orders", ORDER.replace("\"accountId\":\"validation\",", "") + "}", "accountId"),
                Case.post("/api/orders/orders", ORDER.replace("\"symbol\":\"AAPL\"", "\"symbol\":\"\"") + "}", "symbol"),
                Case.post("/api/orders/orders", ORDER.replace("BUY", "HOLD") + "}", "side"),
                Case.post("/api/orders/orders", ORDER.replace("MARKET", "ICEBERG") + "}", "type"),
                Case.post("/api/orders/orders", ORDER.replace("\"qty\":1", "\"qty\":0") + "}", "qty"),
                Case.post("/api/orders/orders", ORDER.replace("\"qty\":1", "\"qty\":\"lots\"") + "}", "qty"),
                Case.post("/api/orders/orders", ORDER + ",\"notional\":100}", "notional"),
                Case.post("/api/orders/orders", ORDER.replace("MARKET", "LIMIT") + "}", "limitPrice"),
                Case.post("/api/orders/orders", ORDER.replace("MARKET", "STOP") + ",\"stopPrice\":-1}", "stopPrice"),
                Case.post("/api/orders/orders", ORDER + ",\"timeInForce\":\"FOREVER\"}", "timeInForce"));
        assertThat(ValidationCheck.failures(cases, () -> asTrader().get("/api/orders/orders?account=validation")
                .then().statusCode(200).extract().asString())).isEmpty();
    }
}
