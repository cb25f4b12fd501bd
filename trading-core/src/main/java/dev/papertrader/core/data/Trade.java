package dev.papertrader.core.data;

import static dev.papertrader.core.model.Checks.nonNegative;
import static dev.papertrader.core.model.Checks.positive;
import static dev.papertrader.core.model.Checks.required;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One market trade (a print on the tape), the raw material {@link TradeAggregator} turns into bars.
 *
 * @param time   when it traded
 * @param price  price per unit, positive
 * @param amount traded quantity, zero or more (some feeds print zero-size trades; they set prices, add no volume)
 */
public record Trade(Instant time, BigDecimal price, BigDecimal amount) {

    public Trade {
        required(time, "time");
        positive(price, "price");
        nonNegative(amount, "amount");
    }
}
