package dev.papertrader.order.service;

import java.time.Instant;

/**
 * Where the order engine stands in the slice protocol.
 *
 * @param lastSlice           the last slice processed; null before the first
 * @param routerClosedThrough the latest slice the router has closed; null before its first slice-end
 * @param bufferedSlices      slices whose bars or watermark arrived but that are not processed yet
 * @param nextSlice           the earliest of them; null when none
 */
public record EngineStatus(Instant lastSlice, Instant routerClosedThrough, int bufferedSlices, Instant nextSlice) {
}
