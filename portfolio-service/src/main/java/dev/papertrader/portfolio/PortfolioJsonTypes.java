package dev.papertrader.portfolio;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native executable, every JSON type of the portfolio service: REST bodies, stored state
 * and its own message forms (trading-core's and service-support's are in {@code CoreJsonTypes}). The rule, and
 * what {@code PortfolioNativeReflectionTests} checks: every record, enum and {@code @JsonTypeInfo} type of this
 * module is listed ({@code JsonTypes}).
 */
@RegisterForReflection(targets = {
        dev.papertrader.portfolio.engine.PortfolioEngineState.class,
        dev.papertrader.portfolio.engine.SliceInputs.Entry.class,
        dev.papertrader.portfolio.engine.SliceInputs.Slice.class,
        dev.papertrader.portfolio.engine.SliceResult.class,
        dev.papertrader.portfolio.engine.SliceResult.AccountUpdate.class,
        dev.papertrader.portfolio.engine.SliceResult.Booking.class,
        dev.papertrader.portfolio.repository.PortfolioRepository.PerformanceInputs.class,
        dev.papertrader.portfolio.rest.AccountSummary.class,
        dev.papertrader.portfolio.rest.NewAccountRequest.class,
        dev.papertrader.portfolio.rest.PerformanceResponse.class,
        dev.papertrader.portfolio.rest.PositionResponse.class,
        dev.papertrader.portfolio.rest.ResetAccountRequest.class,
        dev.papertrader.portfolio.rest.TradeResponse.class
})
public final class PortfolioJsonTypes {

    private PortfolioJsonTypes() {
    }
}
