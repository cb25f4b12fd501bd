package dev.papertrader.router;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native executable, every JSON type of the signal router: REST bodies, stored state
 * and its own message forms (trading-core's and service-support's are in {@code CoreJsonTypes}). The rule, and
 * what {@code RouterNativeReflectionTests} checks: every record, enum and {@code @JsonTypeInfo} type of this
 * module is listed ({@code JsonTypes}).
 */
@RegisterForReflection(targets = {
        dev.papertrader.router.alpaca.AlpacaKeys.CreatedKey.class,
        dev.papertrader.router.alpaca.AlpacaKeys.Key.class,
        dev.papertrader.router.alpaca.AlpacaKeysResource.CreateKeyRequest.class,
        dev.papertrader.router.alpaca.AlpacaOrderRow.class,
        dev.papertrader.router.alpaca.AlpacaReadModel.LastPrice.class,
        dev.papertrader.router.alpaca.OrderPlan.class,
        dev.papertrader.router.alpaca.OrderPlan.Planned.class,
        dev.papertrader.router.alpaca.TradeUpdates.Listener.class,
        dev.papertrader.router.config.RouterSettings.class,
        dev.papertrader.router.config.RouterSettings.Filters.class,
        dev.papertrader.router.config.RouterSettings.Risk.class,
        dev.papertrader.router.config.RouterSettings.Session.class,
        dev.papertrader.router.engine.PendingBars.Entry.class,
        dev.papertrader.router.engine.PendingSlices.Closure.class,
        dev.papertrader.router.engine.PendingSlices.Entry.class,
        dev.papertrader.router.engine.PendingSlices.Summary.class,
        dev.papertrader.router.engine.RouterEngineState.class,
        dev.papertrader.router.repository.DecisionQuery.class,
        dev.papertrader.router.repository.DecisionRow.class,
        dev.papertrader.router.rest.DecisionResponse.class,
        dev.papertrader.router.rest.HaltRequest.class,
        dev.papertrader.router.service.RouterService.RouterView.class,
        dev.papertrader.router.service.RouterStatus.class,
        dev.papertrader.router.service.RouterStatus.OpenOrder.class,
        dev.papertrader.router.service.RouterStatus.PendingSlice.class
})
public final class RouterJsonTypes {

    private RouterJsonTypes() {
    }
}
