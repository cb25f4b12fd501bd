package dev.papertrader.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.papertrader.core.performance.PerformanceStats;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonWriterTest {

    /** A strict parser: it rejects NaN and Infinity tokens, as every standard JSON reader does. */
    private static final ObjectMapper STRICT = new ObjectMapper();

    private static JsonNode summary() throws IOException {
        return STRICT.readTree(SummaryJsonWriter.toJson(ReportFixtures.stats(), ReportFixtures.configuration()));
    }

    @Test
    void finalEquityAndTradesComeFirstThenEveryStatisticInSnakeCaseThenConfiguration() throws IOException {
        List<String> keys = new ArrayList<>();
        summary().fieldNames().forEachRemaining(keys::add);

        var snakeCase = new PropertyNamingStrategies.SnakeCaseStrategy();
        List<String> statistics = Arrays.stream(PerformanceStats.class.getRecordComponents())
                .map(RecordComponent::getName).map(snakeCase::translate)
                .filter(name -> !name.equals("final_equity") && !name.equals("trades")).toList();
        List<String> expected = new ArrayList<>(List.of("final_equity", "trades"));
        expected.addAll(statistics);
        expected.add("configuration");
        assertThat(keys).containsExactlyElementsOf(expected);
        assertThat(keys).contains("max_drawdown_duration_periods", "annual_volatility", "average_holding_time");
    }

    @Test
    void moneyIsExactDurationsAreIsoAndRatiosAreNumbers() throws IOException {
        String json = SummaryJsonWriter.toJson(ReportFixtures.stats(), ReportFixtures.configuration());
        JsonNode summary = STRICT.readTree(json);

        assertThat(json).contains("\"final_equity\" : 99.00,").contains("\"expectancy\" : 28.025,");
        assertThat(summary.get("trades").intValue()).isEqualTo(2);
        assertThat(summary.get("total_return").doubleValue()).isEqualTo(-0.01);
        assertThat(summary.get("max_drawdown").doubleValue()).isEqualTo(0.1);
        assertThat(summary.get("max_drawdown_duration").textValue()).isEqualTo("PT24H");
        assertThat(summary.get("average_holding_time").textValue()).isEqualTo("PT36H");
    }

    @Test
    void nanIsNullAndInfinitiesAreStrings() throws IOException {
        JsonNode summary = summary();

        assertThat(summary.get("cagr").isNull()).isTrue();
        assertThat(summary.get("sharpe").isNull()).isTrue();
        assertThat(summary.get("sortino").textValue()).isEqualTo("Infinity");
        assertThat(summary.get("calmar").textValue()).isEqualTo("-Infinity");
        assertThat(summary.get("configuration").get("threshold").isNull()).isTrue();
    }

    @Test
    void configurationIsWrittenAsGivenInItsOrder() throws IOException {
        JsonNode configuration = summary().get("configuration");
        List<String> keys = new ArrayList<>();
        configuration.fieldNames().forEachRemaining(keys::add);

        assertThat(keys).containsExactly("data", "strategy", "fee_rate", "start", "threshold", "symbols");
        assertThat(configuration.get("data").textValue()).isEqualTo("aapl-2013");
        assertThat(configuration.get("fee_rate").decimalValue()).isEqualByComparingTo("0.0010");
        assertThat(configuration.get("start").textValue()).isEqualTo("2013-01-02T00:00:00Z");
        assertThat(configuration.get("symbols").get(0).textValue()).isEqualTo("AAPL");
    }

    @Test
    void writesSummaryJsonIntoTheDirectory(@TempDir Path temp) throws IOException {
        Path file = SummaryJsonWriter.write(temp, ReportFixtures.stats(), null);

        assertThat(file).isEqualTo(temp.resolve("summary.json"));
        JsonNode written = STRICT.readTree(Files.readString(file));
        assertThat(written.get("configuration").isEmpty()).isTrue();
        assertThat(written.get("final_equity").decimalValue()).isEqualByComparingTo("99");
    }
}
