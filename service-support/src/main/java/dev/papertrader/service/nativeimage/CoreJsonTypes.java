package dev.papertrader.service.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native executable, every JSON type of trading-core and service-support:
 * messages, engine state, configuration specs, the bundled data's file formats and problem+json bodies. Jackson
 * builds and writes them by reflection ({@code JsonCodec} and Quarkus REST); a type missing here works on the JVM
 * and fails only in the executable. The rule, and what {@code CoreJsonTypesTests} checks after every change:
 * every record, enum and {@code @JsonTypeInfo} type of the two modules is listed ({@link JsonTypes}). Private
 * nested types are named in {@code classNames}.
 */
@RegisterForReflection(targets = {
        dev.papertrader.core.backtest.BacktestConfig.class,
        dev.papertrader.core.backtest.BacktestResult.class,
        dev.papertrader.core.backtest.StrategySpec.class,
        dev.papertrader.core.data.Dataset.class,
        dev.papertrader.core.data.Trade.class,
        dev.papertrader.core.execution.ExecutionConfig.class,
        dev.papertrader.core.execution.ExecutionState.class,
        dev.papertrader.core.execution.ExecutionState.OrderState.class,
        dev.papertrader.core.execution.ExecutionState.SymbolBars.class,
        dev.papertrader.core.execution.FeeModel.FixedPerOrder.class,
        dev.papertrader.core.execution.FeeModel.NoFees.class,
        dev.papertrader.core.execution.FeeModel.PerShare.class,
        dev.papertrader.core.execution.FeeModel.PercentOfNotional.class,
        dev.papertrader.core.execution.OrderView.class,
        dev.papertrader.core.execution.SlippageModel.FixedBps.class,
        dev.papertrader.core.execution.SlippageModel.None.class,
        dev.papertrader.core.execution.SlippageModel.VolumeShareImpact.class,
        dev.papertrader.core.model.Bar.class,
        dev.papertrader.core.model.Decision.class,
        dev.papertrader.core.model.Fill.class,
        dev.papertrader.core.model.Order.class,
        dev.papertrader.core.model.CancelRequest.class,
        dev.papertrader.core.model.OrderStatus.class,
        dev.papertrader.core.model.OrderStatusEvent.class,
        dev.papertrader.core.model.OrderType.class,
        dev.papertrader.core.model.PortfolioSnapshot.class,
        dev.papertrader.core.model.PositionSnapshot.class,
        dev.papertrader.core.model.Side.class,
        dev.papertrader.core.model.Signal.class,
        dev.papertrader.core.model.SignalType.class,
        dev.papertrader.core.model.SliceEnd.class,
        dev.papertrader.core.model.TimeInForce.class,
        dev.papertrader.core.performance.ForwardReturns.Horizon.class,
        dev.papertrader.core.performance.ForwardReturns.StrategyStats.class,
        dev.papertrader.core.performance.PerformanceParameters.class,
        dev.papertrader.core.performance.PerformanceStats.class,
        dev.papertrader.core.portfolio.AccountState.class,
        dev.papertrader.core.portfolio.EquityPoint.class,
        dev.papertrader.core.portfolio.OpenTrade.class,
        dev.papertrader.core.portfolio.Position.class,
        dev.papertrader.core.portfolio.RoundTrip.class,
        dev.papertrader.core.portfolio.RoundTrip.Direction.class,
        dev.papertrader.core.router.FilterRules.class,
        dev.papertrader.core.router.RiskLimits.class,
        dev.papertrader.core.router.RouterConfig.class,
        dev.papertrader.core.router.RouterState.class,
        dev.papertrader.core.router.RouterState.AcceptedSignal.class,
        dev.papertrader.core.router.RouterState.DecidedSignal.class,
        dev.papertrader.core.router.RouterState.OpenOrder.class,
        dev.papertrader.core.router.RoutingResult.class,
        dev.papertrader.core.router.SessionHours.class,
        dev.papertrader.core.router.Sizing.class,
        dev.papertrader.core.router.Sizing.AllIn.class,
        dev.papertrader.core.router.Sizing.AtrRisk.class,
        dev.papertrader.core.router.Sizing.FixedNotional.class,
        dev.papertrader.core.router.Sizing.FixedQuantity.class,
        dev.papertrader.core.router.Sizing.PercentOfEquity.class,
        dev.papertrader.core.strategy.IndicatorRow.class,
        dev.papertrader.core.strategy.StrategyParameters.class,
        dev.papertrader.core.strategy.Ta4jStrategySetup.class,
        dev.papertrader.service.messaging.DeadLetterView.class,
        dev.papertrader.service.messaging.InboxCheck.class,
        dev.papertrader.service.messaging.MessageType.class,
        dev.papertrader.service.messaging.MessagingRetention.Pruned.class,
        dev.papertrader.service.messaging.OutgoingMessage.class,
        dev.papertrader.service.messaging.ReceivedMessage.class,
        dev.papertrader.service.rest.Page.class,
        dev.papertrader.service.rest.Problem.class,
        dev.papertrader.service.rest.Problem.Violation.class
}, classNames = {
        "dev.papertrader.core.data.BundledData$OhlcEntry",
        "dev.papertrader.core.data.BundledData$OhlcFile",
        "dev.papertrader.core.data.CsvBars$NumberedBar",
        "dev.papertrader.core.execution.ExecutionSimulator$OrderKey",
        "dev.papertrader.core.execution.FillPriceRules$Reach",
        "dev.papertrader.core.performance.PerformanceCalculator$Drawdown",
        "dev.papertrader.core.router.PositionSizer$Sized",
        "dev.papertrader.core.router.PositionSizer$Unsized",
        "dev.papertrader.core.router.SignalRouter$Move",
        "dev.papertrader.core.strategy.RsiDivergenceRule$Kind",
        "dev.papertrader.service.messaging.OutboxRelay$Outcome",
        "dev.papertrader.service.messaging.OutboxRelay$Row"
})
public final class CoreJsonTypes {

    private CoreJsonTypes() {
    }
}
