package dev.papertrader.portfolio;

import static dev.papertrader.localstack.testing.ApiRequests.asTrader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.localstack.testing.ValidationCheck;
import dev.papertrader.localstack.testing.ValidationCheck.Case;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every portfolio endpoint that takes input: bad input is a 400 problem naming the field, and nothing is stored. */
@QuarkusTest
@PortfolioServiceTestProfile
class PortfolioValidationTests {

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        asTrader().contentType(ContentType.JSON).body("{\"accountId\":\"validation-1\",\"startingCash\":5000}")
                .post("/api/portfolio/accounts").then().statusCode(201);
        String account = "/api/portfolio/accounts/validation-1";
        List<Case> cases = List.of(
                Case.post("/api/portfolio/accounts", "{\"startingCash\":100}", "accountId"),
                Case.post("/api/portfolio/accounts", "{\"accountId\":\"has space\",\"startingCash\":100}", "accountId"),
                Case.post("/api/portfolio/accounts", "{\"accountId\":\"validation-1\",\"startingCash\":100}", "accountId"),
                Case.post("/api/portfolio/accounts", "{\"accountId\":\"validation-2\"}", "startingCash"),
                Case.post("/api/portfolio/accounts", "{\"accountId\":\"validation-2\",\"startingCash\":0}", "startingCash"),
                Case.post("/api/portfolio/accounts", "{\"accountId\":\"validation-2\",\"startingCash\":\"much\"}", "startingCash"),
                Case.post(account + "/reset", "{}", "startingCash"),
                Case.post(account + "/reset", "{\"startingCash\":-1}", "startingCash"),
                Case.get(account + "/trades?size=0", "size"),
                Case.get(account + "/trades?page=-1", "page"),
                Case.get(account + "/equity?from=yesterday", "from"),
                Case.get(account + "/equity?from=2013-02-01T00:00:00Z&to=2013-01-01T00:00:00Z", "to"),
                Case.get(account + "/equity?size=10001", "size"),
                Case.get(account + "/performance?periods-per-year=0", "periods-per-year"),
                Case.get(account + "/performance?risk-free-rate=NaN", "risk-free-rate"));
        assertThat(ValidationCheck.failures(cases, () -> asTrader().get("/api/portfolio/accounts").then().statusCode(200)
                .extract().asString())).isEmpty();
    }
}
