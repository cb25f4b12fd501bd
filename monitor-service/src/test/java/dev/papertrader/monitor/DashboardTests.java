package dev.papertrader.monitor;

import static dev.papertrader.localstack.testing.ApiRequests.anonymous;
import static dev.papertrader.localstack.testing.ApiRequests.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.papertrader.localstack.LocalInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files are served at / without a token (the page asks for one), uPlot comes from the WebJar in the
 * build (no CDN), and the backtest reports are listed and served to a viewer. (The browser test is
 * deploy/dashboard-e2e.)
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "service", value = "monitor"))
class DashboardTests {

    @Test
    void thePageItsScriptAndTheChartLibraryAreServedWithoutAToken() {
        anonymous().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>papertrader dashboard</title>"))
                .body(containsString("/webjars/uplot/dist/uPlot.iife.min.js"));
        anonymous().get("/dashboard/app.js").then().statusCode(200)
                .body(containsString("quarkus-http-upgrade#Authorization#Bearer"));
        anonymous().get("/dashboard/style.css").then().statusCode(200);
        anonymous().get("/webjars/uplot/dist/uPlot.iife.min.js").then().statusCode(200)
                .body(containsString("uPlot"));
        anonymous().get("/webjars/uplot/dist/uPlot.min.css").then().statusCode(200);
    }

    @Test
    void backtestReportsAreListedNewestFirstWithTheirSummaryAndServedToAViewer() throws Exception {
        Path reports = Path.of("target/test-reports");
        write(reports.resolve("aapl-macd"), "<html>macd report</html>",
                "{\"final_equity\":12620.47,\"trades\":6}", Instant.parse("2026-01-01T00:00:00Z"));
        write(reports.resolve("btc-rsi"), "<html>rsi report</html>", null, Instant.parse("2026-02-01T00:00:00Z"));
        Files.createDirectories(reports.resolve("not-a-report"));

        anonymous().get("/api/monitor/reports").then().statusCode(401);
        asViewer().get("/api/monitor/reports").then().statusCode(200)
                .body("", hasSize(2))
                .body("name", equalTo(java.util.List.of("btc-rsi", "aapl-macd")))
                .body("[0].modified", equalTo("2026-02-01T00:00:00Z"))
                .body("[0].summary", is((Object) null))
                .body("[1].summary.final_equity", is(12620.47f));
        asViewer().get("/api/monitor/reports/aapl-macd").then().statusCode(200).contentType(containsString("text/html"))
                .body(equalTo("<html>macd report</html>"));
        asViewer().get("/api/monitor/reports/missing").then().statusCode(404);
        asViewer().get("/api/monitor/reports/.hidden").then().statusCode(400);
    }

    private static Path write(Path directory, String html, String summary, Instant modified) throws Exception {
        Files.createDirectories(directory);
        Path report = Files.writeString(directory.resolve("report.html"), html);
        Files.setLastModifiedTime(report, FileTime.from(modified));
        if (summary != null) {
            Files.writeString(directory.resolve("summary.json"), summary);
        }
        return directory;
    }
}
