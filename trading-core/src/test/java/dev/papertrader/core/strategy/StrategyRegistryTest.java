package dev.papertrader.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyRegistryTest {

    private final StrategyRegistry registry = StrategyRegistry.builtIn();

    @Test
    void builtInHoldsTheThreeSeedStrategies() {
        assertThat(registry.all()).extracting(StrategyFactory::name)
                .containsExactly("macd-crossover", "rsi-divergence", "tsi-momentum");
        assertThat(registry.find("tsi-momentum")).get().isInstanceOf(TsiMomentumStrategy.class);
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.all()).allSatisfy(factory -> {
            assertThat(factory.description()).isNotBlank();
            assertThat(factory.defaultParameters()).containsEntry("maxBarCount", "1000");
        });
    }

    @Test
    void createsAnInstanceForTheSymbol() {
        TradingStrategy strategy = registry.create("macd-crossover", "AAPL", StrategyParameters.empty());

        assertThat(strategy.name()).isEqualTo("macd-crossover");
        assertThat(strategy.symbol()).isEqualTo("AAPL");
        assertThat(strategy.warmupBars()).isEqualTo(35);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> registry.create("x", "AAPL", StrategyParameters.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown strategy 'x'; known: macd-crossover, rsi-divergence, tsi-momentum");
    }

    @Test
    void aBadParameterIsReportedThroughTheRegistry() {
        assertThatThrownBy(() -> registry.create("rsi-divergence", "AAPL",
                StrategyParameters.of(Map.of("oversold", "abc"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'oversold'");
    }

    @Test
    void withAddsAStrategyToANewRegistry() {
        StrategyRegistry extended = registry.with(new NeverSignals());

        assertThat(extended.all()).extracting(StrategyFactory::name)
                .containsExactly("macd-crossover", "rsi-divergence", "tsi-momentum", "never");
        assertThat(extended.create("never", "BTCUSD", StrategyParameters.empty()).symbol()).isEqualTo("BTCUSD");
        assertThat(registry.find("never")).isEmpty();
    }

    @Test
    void aNameCannotBeRegisteredTwice() {
        assertThatThrownBy(() -> registry.with(new MacdCrossoverStrategy()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy 'macd-crossover' is already registered");
    }

    /** A strategy that is not ta4j-based: the SPI does not require ta4j. */
    private static final class NeverSignals implements StrategyFactory {
        @Override
        public String name() {
            return "never";
        }

        @Override
        public String description() {
            return "emits nothing";
        }

        @Override
        public Map<String, String> defaultParameters() {
            return Map.of();
        }

        @Override
        public TradingStrategy create(String symbol, StrategyParameters parameters) {
            return new TradingStrategy() {
                @Override
                public String name() {
                    return "never";
                }

                @Override
                public String symbol() {
                    return symbol;
                }

                @Override
                public int warmupBars() {
                    return 0;
                }

                @Override
                public List<Signal> onBar(Bar bar) {
                    return List.of();
                }
            };
        }
    }
}
