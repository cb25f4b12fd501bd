/**
 * The message contracts of DESIGN.md as immutable records. Money, prices and quantities are
 * {@link java.math.BigDecimal}; times are {@link java.time.Instant} in event time (bar time).
 * Compact constructors reject what no valid message can hold, so a decoder turns bad input into
 * a clear error instead of bad state.
 */
package dev.papertrader.core.model;
