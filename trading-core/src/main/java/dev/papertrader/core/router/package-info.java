/**
 * The signal router: turns a strategy's {@link dev.papertrader.core.model.Signal} into an
 * {@link dev.papertrader.core.model.Order}, or refuses it, recording a {@link dev.papertrader.core.model.Decision}
 * with the rule and the reason either way. {@link dev.papertrader.core.router.SignalRouter} holds the rules and their
 * order; {@link dev.papertrader.core.router.RouterConfig} the settings ({@link dev.papertrader.core.router.FilterRules},
 * {@link dev.papertrader.core.router.RiskLimits}, {@link dev.papertrader.core.router.Sizing}); rule names are in
 * {@link dev.papertrader.core.router.RouterRules}. Pure code in event time: no clock, no I/O.
 */
package dev.papertrader.core.router;
