package dev.papertrader.core.config;

import dev.papertrader.core.execution.FeeModel;
import dev.papertrader.core.execution.SlippageModel;
import dev.papertrader.core.router.Sizing;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Parses the one-line model specifications shared by the command-line tools and the services' configuration,
 * so that {@code --fee pct:0.1} on the backtest and {@code papertrader.execution.fees=pct:0.1} in a service mean
 * the same model. Every error names the accepted forms.
 *
 * <table>
 * <caption>Forms</caption>
 * <tr><th>model</th><th>forms</th></tr>
 * <tr><td>sizing</td><td>{@code all-in}, {@code fixed-qty:QTY}, {@code fixed-notional:AMOUNT},
 *     {@code percent:PCT} (of equity), {@code atr:RISK_PCT:ATR_MULTIPLE}</td></tr>
 * <tr><td>fees</td><td>{@code 0} or {@code none}, {@code pct:PERCENT} (of notional), {@code per-share:AMOUNT[:MINIMUM]},
 *     {@code fixed:AMOUNT} (per order)</td></tr>
 * <tr><td>slippage</td><td>{@code 0} or {@code none}, {@code bps:BPS}, {@code impact:COEFFICIENT}
 *     (times the order's share of bar volume)</td></tr>
 * </table>
 *
 * A spec with more arguments than its form takes is refused, never read in part.
 */
public final class ModelSpecs {

    static final String SIZING_FORMS = "all-in, fixed-qty:QTY, fixed-notional:AMOUNT, percent:PCT, atr:RISK_PCT:MULTIPLE";
    static final String FEE_FORMS = "0, none, pct:PERCENT, per-share:AMOUNT[:MINIMUM], fixed:AMOUNT";
    static final String SLIPPAGE_FORMS = "0, none, bps:BPS, impact:COEFFICIENT";

    private ModelSpecs() {
    }

    public static Sizing sizing(String spec) {
        String[] parts = split(spec, "sizing", SIZING_FORMS);
        return switch (parts[0]) {
            case "all-in" -> arity(parts, 1, spec, "sizing", SIZING_FORMS, new Sizing.AllIn());
            case "fixed-qty", "fixed-quantity" -> arity(parts, 2, spec, "sizing", SIZING_FORMS,
                    new Sizing.FixedQuantity(number(parts, 1, spec, "sizing", SIZING_FORMS)));
            case "fixed-notional" -> arity(parts, 2, spec, "sizing", SIZING_FORMS,
                    new Sizing.FixedNotional(number(parts, 1, spec, "sizing", SIZING_FORMS)));
            case "percent", "percent-of-equity" -> arity(parts, 2, spec, "sizing", SIZING_FORMS,
                    new Sizing.PercentOfEquity(number(parts, 1, spec, "sizing", SIZING_FORMS)));
            case "atr", "atr-risk" -> arity(parts, 3, spec, "sizing", SIZING_FORMS, new Sizing.AtrRisk(
                    number(parts, 1, spec, "sizing", SIZING_FORMS), number(parts, 2, spec, "sizing", SIZING_FORMS)));
            default -> throw unknown(spec, "sizing", SIZING_FORMS);
        };
    }

    public static FeeModel fees(String spec) {
        String[] parts = split(spec, "fee", FEE_FORMS);
        if (isZero(parts)) {
            return FeeModel.none();
        }
        return switch (parts[0]) {
            case "none" -> arity(parts, 1, spec, "fee", FEE_FORMS, FeeModel.none());
            case "pct", "percent" -> arity(parts, 2, spec, "fee", FEE_FORMS,
                    FeeModel.percentOfNotional(number(parts, 1, spec, "fee", FEE_FORMS)));
            case "per-share" -> arity(parts, parts.length == 3 ? 3 : 2, spec, "fee", FEE_FORMS, FeeModel.perShare(number(parts, 1, spec, "fee", FEE_FORMS),
                    parts.length > 2 ? number(parts, 2, spec, "fee", FEE_FORMS) : BigDecimal.ZERO));
            case "fixed" -> arity(parts, 2, spec, "fee", FEE_FORMS, FeeModel.fixedPerOrder(number(parts, 1, spec, "fee", FEE_FORMS)));
            default -> throw unknown(spec, "fee", FEE_FORMS);
        };
    }

    public static SlippageModel slippage(String spec) {
        String[] parts = split(spec, "slippage", SLIPPAGE_FORMS);
        if (isZero(parts)) {
            return SlippageModel.none();
        }
        return switch (parts[0]) {
            case "none" -> arity(parts, 1, spec, "slippage", SLIPPAGE_FORMS, SlippageModel.none());
            case "bps" -> arity(parts, 2, spec, "slippage", SLIPPAGE_FORMS,
                    SlippageModel.fixedBps(number(parts, 1, spec, "slippage", SLIPPAGE_FORMS)));
            case "impact" -> arity(parts, 2, spec, "slippage", SLIPPAGE_FORMS,
                    SlippageModel.volumeShareImpact(number(parts, 1, spec, "slippage", SLIPPAGE_FORMS)));
            default -> throw unknown(spec, "slippage", SLIPPAGE_FORMS);
        };
    }

    private static String[] split(String spec, String model, String forms) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(model + " model is empty; use one of: " + forms);
        }
        return spec.trim().toLowerCase(Locale.ROOT).split(":", -1);
    }

    private static boolean isZero(String[] parts) {
        if (parts.length != 1) {
            return false;
        }
        try {
            return new BigDecimal(parts[0]).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static <T> T arity(String[] parts, int expected, String spec, String model, String forms, T value) {
        if (parts.length != expected) {
            throw unknown(spec, model, forms);
        }
        return value;
    }

    private static BigDecimal number(String[] parts, int index, String spec, String model, String forms) {
        if (index >= parts.length || parts[index].isBlank()) {
            throw new IllegalArgumentException(model + " model '" + spec + "' is missing a number; use one of: " + forms);
        }
        try {
            return new BigDecimal(parts[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(model + " model '" + spec + "': '" + parts[index]
                    + "' is not a number; use one of: " + forms);
        }
    }

    private static IllegalArgumentException unknown(String spec, String model, String forms) {
        return new IllegalArgumentException("unknown " + model + " model '" + spec + "'; use one of: " + forms);
    }
}
