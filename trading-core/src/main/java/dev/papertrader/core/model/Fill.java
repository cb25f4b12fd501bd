package dev.papertrader.core.model;

import static dev.papertrader.core.model.Checks.nonNegative;
import static dev.papertrader.core.model.Checks.positive;
import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An execution, published on {@code trading.fills}.
 *
 * @param price    execution price per unit, slippage included
 * @param fee      total fee of this fill, in account currency
 * @param filledAt event time: open time of the bar it filled on
 */
public record Fill(String id, String orderId, String accountId, String symbol, Side side, BigDecimal qty,
        BigDecimal price, BigDecimal fee, Instant filledAt) implements ExecutionEvent {

    public Fill {
        requiredText(id, "id");
        requiredText(orderId, "orderId");
        requiredText(accountId, "accountId");
        requiredText(symbol, "symbol");
        required(side, "side");
        positive(qty, "qty");
        positive(price, "price");
        nonNegative(fee, "fee");
        required(filledAt, "filledAt");
    }

    /** Cash this fill moves: negative for a buy (price × qty + fee), positive for a sell (price × qty − fee). */
    public BigDecimal cashDelta() {
        BigDecimal gross = price.multiply(qty);
        return side == Side.BUY ? gross.add(fee).negate() : gross.subtract(fee);
    }
}
