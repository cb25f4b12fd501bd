package dev.papertrader.monitor.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.papertrader.core.strategy.StrategyRegistry;
import dev.papertrader.service.rest.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchlistValidatorTests {

    final WatchlistValidator validator = new WatchlistValidator(StrategyRegistry.builtIn());

    static WatchlistEntry entry(String timeframe, String strategy, Map<String, String> parameters) {
        return new WatchlistEntry(0, " AAPL ", timeframe, strategy, parameters, true);
    }

    ProblemException problem(WatchlistEntry entry) {
        return catchThrowableOfType(ProblemException.class, () -> validator.validated(entry));
    }

    @Test
    void aValidEntryComesBackTrimmedAndNormalized() {
        WatchlistEntry valid = validator.validated(entry("P1D", "macd-crossover", Map.of("fastPeriod", "10")));

        assertThat(valid).isEqualTo(new WatchlistEntry(0, "AAPL", "1d", "macd-crossover", Map.of("fastPeriod", "10"), true));
        assertThat(validator.effectiveParameters(valid)).containsEntry("fastPeriod", "10").containsEntry("slowPeriod", "26")
                .containsEntry("signalPeriod", "9");
    }

    @Test
    void anUnknownStrategyIsA400NamingTheKnownOnes() {
        ProblemException problem = problem(entry("1d", "moon-phase", Map.of()));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.field()).isEqualTo("strategy");
        assertThat(problem.getMessage()).isEqualTo(
                "unknown strategy 'moon-phase'; known: macd-crossover, rsi-divergence, tsi-momentum");
    }

    @Test
    void badParametersAreA400WithTheRegistrysReason() {
        ProblemException unknown = problem(entry("1d", "macd-crossover", Map.of("speed", "3")));
        assertThat(unknown.field()).isEqualTo("parameters");
        assertThat(unknown.getMessage()).contains("unknown parameter 'speed'");

        ProblemException notANumber = problem(entry("1d", "macd-crossover", Map.of("fastPeriod", "fast")));
        assertThat(notANumber.field()).isEqualTo("parameters");
        assertThat(notANumber.getMessage()).contains("fastPeriod");

        ProblemException crossed = problem(entry("1d", "macd-crossover", Map.of("fastPeriod", "30")));
        assertThat(crossed.status()).isEqualTo(400);
        assertThat(crossed.getMessage()).contains("must be below 'slowPeriod'");
    }

    @Test
    void aBadTimeframeIsA400() {
        ProblemException problem = problem(entry("fortnight", "macd-crossover", Map.of()));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.field()).isEqualTo("timeframe");
    }
}
