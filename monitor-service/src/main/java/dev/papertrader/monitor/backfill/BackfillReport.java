package dev.papertrader.monitor.backfill;

import dev.papertrader.core.performance.ForwardReturns;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a finished backfill tells about each strategy: its signals over the history and how they fared 1, 5 and 20
 * bars later (trading-core's {@link ForwardReturns}: a BUY hits when the close N bars later is higher, a SELL when
 * it is lower; mean return is the directional return, before costs).
 */
@Schema(description = "Per strategy: signals, hit rate and mean forward return after 1, 5 and 20 bars")
public record BackfillReport(String symbol, String timeframe, Instant from, Instant to, String source, long bars,
        List<StrategyReport> strategies) {

    /** One strategy's line. */
    public record StrategyReport(String strategy, Map<String, String> parameters, int signals, int buys, int sells,
            List<ForwardReturns.Horizon> horizons) {
    }
}
