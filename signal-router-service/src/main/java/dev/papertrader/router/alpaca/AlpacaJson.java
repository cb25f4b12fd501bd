package dev.papertrader.router.alpaca;

import dev.papertrader.core.model.NameUuid;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alpaca's JSON shapes (snake_case, money and quantities as decimal strings, RFC 3339 timestamps), built as ordered
 * maps so every field Alpaca sends is present, null included.
 *
 * <ul>
 *   <li>{@code asset_id}: {@code NameUuid.of("asset|" + symbol)}.</li>
 *   <li>{@code asset_class}: {@code crypto} when the symbol contains {@code /} (e.g. {@code BTC/USD}), else
 *       {@code us_equity}.</li>
 *   <li>Decimals: plain strings without trailing zeros ({@code "10"}, {@code "101.5"}).</li>
 * </ul>
 */
public final class AlpacaJson {

    private AlpacaJson() {
    }

    public static String assetId(String symbol) {
        return NameUuid.of("asset|" + symbol);
    }

    public static String assetClass(String symbol) {
        return symbol.contains("/") ? "crypto" : "us_equity";
    }

    /** A decimal as Alpaca writes it: a plain string without trailing zeros; null stays null. */
    public static String decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** An order with its legs ({@code null} when it has none, as Alpaca sends for simple orders). */
    public static Map<String, Object> order(AlpacaOrderRow o, List<AlpacaOrderRow> legs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", o.id());
        json.put("client_order_id", o.clientOrderId());
        json.put("created_at", time(o.createdAt()));
        json.put("updated_at", time(o.updatedAt()));
        json.put("submitted_at", time(o.createdAt()));
        json.put("filled_at", time(o.filledAt()));
        json.put("expired_at", time(o.expiredAt()));
        json.put("canceled_at", time(o.canceledAt()));
        json.put("failed_at", time(o.failedAt()));
        json.put("replaced_at", time(o.replacedAt()));
        json.put("replaced_by", o.replacedBy());
        json.put("replaces", o.replaces());
        json.put("asset_id", assetId(o.symbol()));
        json.put("symbol", o.symbol());
        json.put("asset_class", assetClass(o.symbol()));
        json.put("notional", decimal(o.notional()));
        json.put("qty", decimal(o.qty()));
        json.put("filled_qty", decimal(o.filledQty()));
        json.put("filled_avg_price", decimal(o.filledAvgPrice()));
        json.put("order_class", o.orderClass());
        json.put("order_type", o.orderType());
        json.put("type", o.orderType());
        json.put("side", o.side());
        json.put("position_intent", null);
        json.put("time_in_force", o.timeInForce());
        json.put("limit_price", decimal(o.limitPrice()));
        json.put("stop_price", decimal(o.stopPrice()));
        json.put("status", o.status());
        json.put("extended_hours", false);
        json.put("legs", legs == null || legs.isEmpty() ? null
                : legs.stream().map(leg -> order(leg, null)).toList());
        json.put("trail_percent", decimal(o.trailPercent()));
        json.put("trail_price", decimal(o.trailPrice()));
        json.put("hwm", null);
        return json;
    }

    /**
     * The account from the router's last snapshot. {@code buying_power} (and its regt, non-marginable and daytrading
     * forms) is the cash minus what the router's open BUY orders reserve, never below zero: a cash account.
     */
    public static Map<String, Object> account(PortfolioSnapshot snapshot, BigDecimal buyingPower, boolean halted,
            boolean shortingEnabled) {
        BigDecimal longValue = BigDecimal.ZERO;
        BigDecimal shortValue = BigDecimal.ZERO;
        for (PositionSnapshot position : snapshot.positions()) {
            if (position.qty().signum() >= 0) {
                longValue = longValue.add(position.marketValue());
            } else {
                shortValue = shortValue.add(position.marketValue());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", NameUuid.of("account|" + snapshot.accountId()));
        json.put("account_number", snapshot.accountId());
        json.put("status", "ACTIVE");
        json.put("crypto_status", "ACTIVE");
        json.put("currency", "USD");
        json.put("cash", decimal(snapshot.cash()));
        json.put("portfolio_value", decimal(snapshot.equity()));
        json.put("equity", decimal(snapshot.equity()));
        json.put("last_equity", decimal(snapshot.dayStartEquity() != null ? snapshot.dayStartEquity() : snapshot.equity()));
        json.put("long_market_value", decimal(longValue));
        json.put("short_market_value", decimal(shortValue));
        json.put("buying_power", decimal(buyingPower));
        json.put("regt_buying_power", decimal(buyingPower));
        json.put("daytrading_buying_power", decimal(buyingPower));
        json.put("non_marginable_buying_power", decimal(buyingPower));
        json.put("effective_buying_power", decimal(buyingPower));
        json.put("initial_margin", "0");
        json.put("maintenance_margin", "0");
        json.put("last_maintenance_margin", "0");
        json.put("sma", "0");
        json.put("accrued_fees", "0");
        json.put("pending_transfer_in", "0");
        json.put("multiplier", "1");
        json.put("daytrade_count", 0);
        json.put("pattern_day_trader", false);
        json.put("trading_blocked", halted);
        json.put("transfers_blocked", true);
        json.put("account_blocked", false);
        json.put("trade_suspended_by_user", false);
        json.put("shorting_enabled", shortingEnabled);
        json.put("created_at", null);
        json.put("balance_asof", time(snapshot.asOf()));
        return json;
    }

    /** A position from a snapshot; {@code unrealized_plpc} = unrealized P&L / cost basis (8 decimals). */
    public static Map<String, Object> position(PositionSnapshot p) {
        BigDecimal qty = p.qty();
        BigDecimal avgCost = p.avgCost() != null ? p.avgCost() : BigDecimal.ZERO;
        BigDecimal costBasis = qty.abs().multiply(avgCost);
        BigDecimal unrealized = p.unrealizedPnl() != null ? p.unrealizedPnl() : BigDecimal.ZERO;
        BigDecimal plpc = costBasis.signum() == 0 ? BigDecimal.ZERO
                : unrealized.divide(costBasis, 8, RoundingMode.HALF_EVEN);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("asset_id", assetId(p.symbol()));
        json.put("symbol", p.symbol());
        json.put("exchange", "");
        json.put("asset_class", assetClass(p.symbol()));
        json.put("asset_marginable", false);
        json.put("avg_entry_price", decimal(avgCost));
        json.put("qty", decimal(qty));
        json.put("qty_available", decimal(qty));
        json.put("side", qty.signum() < 0 ? "short" : "long");
        json.put("market_value", decimal(p.marketValue()));
        json.put("cost_basis", decimal(costBasis));
        json.put("unrealized_pl", decimal(unrealized));
        json.put("unrealized_plpc", decimal(plpc));
        json.put("unrealized_intraday_pl", decimal(unrealized));
        json.put("unrealized_intraday_plpc", decimal(plpc));
        json.put("current_price", decimal(p.marketPrice()));
        json.put("lastday_price", decimal(p.marketPrice()));
        json.put("change_today", "0");
        return json;
    }

    /** An asset the router knows (it has seen a bar of it, or the account holds it). */
    public static Map<String, Object> asset(String symbol, boolean shortable, boolean fractionable) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", assetId(symbol));
        json.put("class", assetClass(symbol));
        json.put("exchange", "");
        json.put("symbol", symbol);
        json.put("name", symbol);
        json.put("status", "active");
        json.put("tradable", true);
        json.put("marginable", false);
        json.put("shortable", shortable);
        json.put("easy_to_borrow", shortable);
        json.put("fractionable", fractionable);
        json.put("attributes", List.of());
        return json;
    }
}
