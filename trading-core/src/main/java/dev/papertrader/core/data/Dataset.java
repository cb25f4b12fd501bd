package dev.papertrader.core.data;

import static dev.papertrader.core.model.Checks.required;
import static dev.papertrader.core.model.Checks.requiredText;

import dev.papertrader.core.model.Bar;
import java.util.List;

/**
 * A named series of bars of one symbol and timeframe, with what statistics need to annualize it.
 *
 * @param periodsPerYear bars in a year, for annualizing returns and volatility (252 for daily stock bars, 525,600
 *                       for 1-minute bars of a market that never closes)
 * @param bars           in ascending open-time order, immutable
 * @param description    where the data comes from, in one sentence
 */
public record Dataset(String name, String symbol, String timeframe, double periodsPerYear, List<Bar> bars,
        String description) {

    public Dataset {
        requiredText(name, "name");
        requiredText(symbol, "symbol");
        requiredText(timeframe, "timeframe");
        if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
            throw new IllegalArgumentException("periodsPerYear must be positive, was " + periodsPerYear);
        }
        bars = List.copyOf(required(bars, "bars"));
        description = description == null ? "" : description;
    }
}
