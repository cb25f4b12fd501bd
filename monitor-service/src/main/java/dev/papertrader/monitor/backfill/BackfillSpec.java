package dev.papertrader.monitor.backfill;

import dev.papertrader.core.backtest.StrategySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What to backfill: the bars of {@code symbol} at {@code timeframe} opening in [{@code from}, {@code to}), from
 * {@code source}, then {@code strategies} run over them.
 *
 * @param source {@code binance}, {@code csv:PATH} (trading-core's CsvBars format) or {@code bundled:NAME}
 */
public record BackfillSpec(String symbol, String timeframe, Instant from, Instant to, String source,
        List<StrategySpec> strategies) {

    public BackfillSpec {
        strategies = strategies.stream().map(s -> new StrategySpec(s.name(), new TreeMap<>(s.parameters()))).toList();
    }

    /** The job id: a name-based UUID of the content, so the same request finds (and resumes) the same job. */
    public String id() {
        StringBuilder key = new StringBuilder().append(symbol).append('|').append(timeframe).append('|').append(from)
                .append('|').append(to).append('|').append(source);
        for (StrategySpec strategy : strategies) {
            key.append('|').append(strategy.name());
            for (Map.Entry<String, String> parameter : strategy.parameters().entrySet()) {
                key.append(',').append(parameter.getKey()).append('=').append(parameter.getValue());
            }
        }
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
