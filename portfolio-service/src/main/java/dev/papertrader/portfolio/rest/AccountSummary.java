package dev.papertrader.portfolio.rest;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A paper account's figures as of the last slice processed (or its opening or reset).
 *
 * @param equity         cash + market value of the positions
 * @param realizedPnl    realized P&amp;L since the start (or the last reset), every fee deducted
 * @param peakEquity     max(starting cash, every equity point)
 * @param dayStartEquity equity of the first equity point of the current trading day
 * @param grossExposure  Σ |market value| of the open positions
 * @param asOf           the last slice processed; null before the first
 */
@Schema(description = "A paper account's figures as of its last update")
public record AccountSummary(String accountId, BigDecimal startingCash, BigDecimal cash, BigDecimal equity,
        BigDecimal realizedPnl, BigDecimal peakEquity, BigDecimal dayStartEquity, BigDecimal grossExposure,
        Instant asOf) {
}
