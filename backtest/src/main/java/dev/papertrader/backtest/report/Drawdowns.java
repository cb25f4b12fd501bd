package dev.papertrader.backtest.report;

import dev.papertrader.core.portfolio.EquityPoint;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Drawdown at each point of an equity curve: {@code drawdown_t = (peak_t − equity_t) / peak_t}, where
 * {@code peak_t} is the highest equity up to and including t. A fraction in [0, 1] for positive equity: 0 at a new
 * high, 0.25 when a quarter below the high so far. Undefined (null) while the peak is not positive. Divided to 16
 * significant digits, trailing zeros dropped.
 */
final class Drawdowns {

    private Drawdowns() {
    }

    static List<BigDecimal> of(List<EquityPoint> curve) {
        List<BigDecimal> result = new ArrayList<>(curve.size());
        BigDecimal peak = null;
        for (EquityPoint point : curve) {
            BigDecimal equity = point.equity();
            peak = peak == null ? equity : peak.max(equity);
            if (peak.signum() <= 0) {
                result.add(null);
                continue;
            }
            BigDecimal drawdown = peak.subtract(equity).divide(peak, MathContext.DECIMAL64);
            result.add(drawdown.signum() == 0 ? BigDecimal.ZERO : drawdown.stripTrailingZeros());
        }
        return result;
    }
}
