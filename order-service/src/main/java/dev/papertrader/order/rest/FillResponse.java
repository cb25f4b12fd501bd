package dev.papertrader.order.rest;

import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One execution, as published on trading.fills. */
@Schema(description = "An execution of an order")
public record FillResponse(String id, String orderId, String accountId, String symbol, String side, BigDecimal qty,
        BigDecimal price, BigDecimal fee, Instant filledAt) {
}
