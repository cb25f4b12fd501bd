package dev.papertrader.monitor;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native executable, every JSON type of the monitor: REST bodies, stored state
 * and its own message forms (trading-core's and service-support's are in {@code CoreJsonTypes}). The rule, and
 * what {@code MonitorNativeReflectionTests} checks: every record, enum and {@code @JsonTypeInfo} type of this
 * module is listed ({@code JsonTypes}).
 */
@RegisterForReflection(targets = {
        dev.papertrader.monitor.alert.AlertEvent.class,
        dev.papertrader.monitor.alert.AlertFilter.class,
        dev.papertrader.monitor.alert.AlertType.class,
        dev.papertrader.monitor.backfill.BackfillJob.class,
        dev.papertrader.monitor.backfill.BackfillReport.class,
        dev.papertrader.monitor.backfill.BackfillReport.StrategyReport.class,
        dev.papertrader.monitor.backfill.BackfillRequest.class,
        dev.papertrader.monitor.backfill.BackfillRequest.Strategy.class,
        dev.papertrader.monitor.backfill.BackfillSpec.class,
        dev.papertrader.monitor.event.MonitoredEvent.class,
        dev.papertrader.monitor.feed.FeedHealth.class,
        dev.papertrader.monitor.feed.FeedState.class,
        dev.papertrader.monitor.feed.FeedStatus.class,
        dev.papertrader.monitor.feed.FeedStatusEvent.class,
        dev.papertrader.monitor.feed.Instrument.class,
        dev.papertrader.monitor.feed.MarketDataFeed.Position.class,
        dev.papertrader.monitor.feed.ReplayFeed.Source.class,
        dev.papertrader.monitor.feed.TimeSlice.class,
        dev.papertrader.monitor.feed.binance.BinanceFeed.Settings.class,
        dev.papertrader.monitor.feed.binance.BinanceKline.class,
        dev.papertrader.monitor.feed.binance.BinanceMessages.Control.class,
        dev.papertrader.monitor.feed.binance.BinanceMessages.KlineEvent.class,
        dev.papertrader.monitor.feed.binance.BinanceMessages.Malformed.class,
        dev.papertrader.monitor.feed.live.LiveBarAssembler.Acceptance.class,
        dev.papertrader.monitor.feed.live.LiveBarAssembler.Arrival.class,
        dev.papertrader.monitor.feed.live.LiveBarAssembler.Gap.class,
        dev.papertrader.monitor.repository.SignalRepository.Filter.class,
        dev.papertrader.monitor.rest.ReportResource.ReportEntry.class,
        dev.papertrader.monitor.rest.SignalResponse.class,
        dev.papertrader.monitor.rest.StrategyResponse.class,
        dev.papertrader.monitor.rest.WatchlistEntryRequest.class,
        dev.papertrader.monitor.rest.WatchlistEntryResponse.class,
        dev.papertrader.monitor.rest.WatchlistUpdateRequest.class,
        dev.papertrader.monitor.strategy.StrategyRunner.EmittedSignal.class,
        dev.papertrader.monitor.strategy.StrategyRunner.Running.class,
        dev.papertrader.monitor.watchlist.WatchlistEntry.class,
        dev.papertrader.monitor.watchlist.WatchlistService.Seeded.class
}, classNames = {
        "dev.papertrader.monitor.alert.AlertHub$Registration",
        "dev.papertrader.monitor.backfill.BackfillService$Evaluation"
})
public final class MonitorJsonTypes {

    private MonitorJsonTypes() {
    }
}
