/**
 * Portfolio accounting: {@link dev.papertrader.core.portfolio.Account} books fills into cash, signed positions
 * at average cost and realized P&amp;L (fees deducted when paid), closes {@link dev.papertrader.core.portfolio.RoundTrip}s,
 * and marks to market into an {@link dev.papertrader.core.portfolio.EquityPoint} curve. The rules are on
 * {@code Account}; {@link dev.papertrader.core.portfolio.Portfolio} holds several accounts by id.
 */
package dev.papertrader.core.portfolio;
