package dev.papertrader.core.backtest;

import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.performance.PerformanceStats;
import dev.papertrader.core.portfolio.EquityPoint;
import dev.papertrader.core.portfolio.RoundTrip;
import java.util.List;

/** Everything a backtest produced, in event order. */
public record BacktestResult(long bars, List<Signal> signals, List<Decision> decisions, List<Order> orders,
        List<ExecutionEvent> executions, List<RoundTrip> trades, List<EquityPoint> equityCurve,
        PerformanceStats stats, PortfolioSnapshot finalSnapshot) {

    public List<Fill> fills() {
        return executions.stream().filter(Fill.class::isInstance).map(Fill.class::cast).toList();
    }
}
