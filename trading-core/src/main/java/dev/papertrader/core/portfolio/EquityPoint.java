package dev.papertrader.core.portfolio;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The account marked to market at one bar time.
 *
 * @param time          event time (bar open time)
 * @param equity        cash + market value of positions
 * @param grossExposure sum of absolute market values of positions (0 when flat)
 */
public record EquityPoint(Instant time, BigDecimal equity, BigDecimal cash, BigDecimal grossExposure) {
}
