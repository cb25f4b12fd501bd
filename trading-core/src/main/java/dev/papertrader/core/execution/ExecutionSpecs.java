package dev.papertrader.core.execution;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads slippage and fee models from short text specs, the form configuration files and command lines use, and
 * writes them back.
 *
 * <table>
 *   <caption>Specs</caption>
 *   <tr><th>spec</th><th>model</th></tr>
 *   <tr><td>{@code none}</td><td>{@link SlippageModel#none()} / {@link FeeModel#none()}</td></tr>
 *   <tr><td>{@code bps:5}</td><td>{@link SlippageModel#fixedBps}: 5 basis points against the trader</td></tr>
 *   <tr><td>{@code impact:0.1}</td><td>{@link SlippageModel#volumeShareImpact}: coefficient 0.1</td></tr>
 *   <tr><td>{@code pct:0.1}</td><td>{@link FeeModel#percentOfNotional}: 0.1 % of qty × price</td></tr>
 *   <tr><td>{@code per-share:0.005} or {@code per-share:0.005:1}</td><td>{@link FeeModel#perShare}: 0.005 per
 *       unit, with a minimum of 1 on an order's first fill (0 when omitted)</td></tr>
 *   <tr><td>{@code fixed:1}</td><td>{@link FeeModel#fixedPerOrder}: 1 per order</td></tr>
 * </table>
 *
 * Names are case-insensitive, surrounding spaces are ignored, numbers are plain decimals (read exactly). A bad spec
 * fails with an {@link IllegalArgumentException} that quotes it and lists the accepted forms.
 */
public final class ExecutionSpecs {

    private static final String SLIPPAGE_FORMS = "none, bps:<basis points>, impact:<coefficient>";
    private static final String FEE_FORMS = "none, pct:<percent>, per-share:<per unit>[:<minimum per order>], fixed:<per order>";

    private ExecutionSpecs() {
    }

    public static SlippageModel slippage(String spec) {
        Spec parsed = Spec.parse(spec, "slippage", SLIPPAGE_FORMS);
        return switch (parsed.name()) {
            case "none" -> parsed.arguments(0, 0).build(SlippageModel::none);
            case "bps" -> parsed.arguments(1, 1).build(() -> SlippageModel.fixedBps(parsed.number(0)));
            case "impact" -> parsed.arguments(1, 1).build(() -> SlippageModel.volumeShareImpact(parsed.number(0)));
            default -> throw parsed.invalid("unknown slippage model '" + parsed.name() + "'");
        };
    }

    public static FeeModel fees(String spec) {
        Spec parsed = Spec.parse(spec, "fees", FEE_FORMS);
        return switch (parsed.name()) {
            case "none" -> parsed.arguments(0, 0).build(FeeModel::none);
            case "pct" -> parsed.arguments(1, 1).build(() -> FeeModel.percentOfNotional(parsed.number(0)));
            case "per-share" -> parsed.arguments(1, 2).build(() -> FeeModel.perShare(parsed.number(0),
                    parsed.count() > 1 ? parsed.number(1) : BigDecimal.ZERO));
            case "fixed" -> parsed.arguments(1, 1).build(() -> FeeModel.fixedPerOrder(parsed.number(0)));
            default -> throw parsed.invalid("unknown fee model '" + parsed.name() + "'");
        };
    }

    /** The spec of a built-in slippage model, so that {@code slippage(spec(m))} equals {@code m}. */
    public static String spec(SlippageModel model) {
        return switch (model) {
            case SlippageModel.None none -> "none";
            case SlippageModel.FixedBps bps -> "bps:" + bps.bps().toPlainString();
            case SlippageModel.VolumeShareImpact impact -> "impact:" + impact.impactCoefficient().toPlainString();
            default -> throw new IllegalArgumentException("no spec for custom slippage model " + model);
        };
    }

    /** The spec of a built-in fee model, so that {@code fees(spec(m))} equals {@code m}. */
    public static String spec(FeeModel model) {
        return switch (model) {
            case FeeModel.NoFees none -> "none";
            case FeeModel.PercentOfNotional pct -> "pct:" + pct.percent().toPlainString();
            case FeeModel.PerShare perShare -> "per-share:" + perShare.perUnit().toPlainString()
                    + (perShare.minimumPerOrder().signum() == 0 ? "" : ":" + perShare.minimumPerOrder().toPlainString());
            case FeeModel.FixedPerOrder fixed -> "fixed:" + fixed.amount().toPlainString();
            default -> throw new IllegalArgumentException("no spec for custom fee model " + model);
        };
    }

    /** A spec split at its colons: a lower-cased name and its arguments. */
    private record Spec(String text, String forms, String name, List<String> args) {

        static Spec parse(String text, String what, String forms) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("no " + what + " spec given; expected one of: " + forms);
            }
            String[] parts = text.trim().split(":", -1);
            List<String> args = Arrays.stream(parts).skip(1).map(String::trim).toList();
            return new Spec(text, forms, parts[0].trim().toLowerCase(Locale.ROOT), args);
        }

        int count() {
            return args.size();
        }

        Spec arguments(int min, int max) {
            if (args.size() < min || args.size() > max) {
                String expected = min == max ? String.valueOf(min) : min + " or " + max;
                throw invalid("'" + name + "' takes " + expected + " argument" + (max == 1 ? "" : "s") + ", got "
                        + args.size());
            }
            return this;
        }

        BigDecimal number(int index) {
            try {
                return new BigDecimal(args.get(index));
            } catch (NumberFormatException e) {
                throw invalid("'" + args.get(index) + "' is not a number");
            }
        }

        /** Builds the model; a value the model refuses (a negative rate...) is reported against this spec. */
        <T> T build(Supplier<T> factory) {
            try {
                return factory.get();
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("invalid spec ")) {
                    throw e;
                }
                throw invalid(e.getMessage());
            }
        }

        IllegalArgumentException invalid(String why) {
            return new IllegalArgumentException("invalid spec '" + text + "': " + why + "; expected one of: " + forms);
        }
    }
}
