package dev.papertrader.router.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.model.NameUuid;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The core orders an Alpaca order request becomes, entry first, before the router's event time is known.
 *
 * <h2>Order classes</h2>
 * <ul>
 *   <li>{@code simple} (or {@code ""}, or none): one order.</li>
 *   <li>{@code bracket}: the entry (market or limit), a {@code take_profit} LIMIT leg at
 *       {@code take_profit.limit_price} and a {@code stop_loss} STOP leg at {@code stop_loss.stop_price} (STOP_LIMIT
 *       when {@code stop_loss.limit_price} is given); the legs are on the opposite side, for the same quantity, with
 *       the entry's time in force, {@code parentId} = the entry and one shared {@code ocoGroup}.</li>
 *   <li>{@code oto}: the entry and one leg, the take-profit or the stop-loss (exactly one of them), with
 *       {@code parentId} = the entry.</li>
 *   <li>{@code oco}: two exit orders on the request's side sharing an {@code ocoGroup}, no parent: a LIMIT at
 *       {@code take_profit.limit_price} (or {@code limit_price}) and the stop-loss (STOP or STOP_LIMIT). Alpaca lists the
 *       second as the first one's leg, and so do we.</li>
 * </ul>
 * {@code ocoGroup} = {@code NameUuid.of("oco|" + entry id)}. Quantities and prices may be JSON strings or numbers;
 * a notional amount is allowed for simple market orders only. {@code opg} and {@code cls} are refused.
 */
public record OrderPlan(String symbol, String orderClass, List<Planned> orders) {

    /** One core order of the plan, with its Alpaca fields. */
    public record Planned(String id, String clientOrderId, Side side, OrderType type, BigDecimal qty,
            BigDecimal notional, BigDecimal limitPrice, BigDecimal stopPrice, BigDecimal trailPrice,
            BigDecimal trailPercent, TimeInForce timeInForce, String parentId, String ocoGroup, String listedUnder,
            String replaces) {

        Order toOrder(String accountId, String symbol, Instant createdAt) {
            return new Order(id, null, accountId, symbol, side, type, qty, notional, limitPrice, stopPrice,
                    timeInForce, createdAt, trailPrice, trailPercent, parentId, ocoGroup, replaces);
        }

        AlpacaOrderRow toRow(String accountId, String symbol, String orderClass, Instant createdAt) {
            return new AlpacaOrderRow(id, accountId, clientOrderId, symbol, side.name().toLowerCase(Locale.ROOT),
                    type.name().toLowerCase(Locale.ROOT), timeInForce.name().toLowerCase(Locale.ROOT), orderClass, qty,
                    notional, limitPrice, stopPrice, trailPrice, trailPercent, listedUnder, ocoGroup, "accepted",
                    BigDecimal.ZERO, null, null, null, createdAt, createdAt, null, null, null, null, null, null,
                    replaces);
        }
    }

    public Planned entry() {
        return orders.get(0);
    }

    /** The core orders, entry first, created at {@code createdAt}. */
    public List<Order> toOrders(String accountId, Instant createdAt) {
        return orders.stream().map(planned -> planned.toOrder(accountId, symbol, createdAt)).toList();
    }

    /** The read-model rows, entry first, created at {@code createdAt}. */
    public List<AlpacaOrderRow> toRows(String accountId, Instant createdAt) {
        return orders.stream().map(planned -> planned.toRow(accountId, symbol, orderClass, createdAt)).toList();
    }

    /**
     * Reads a {@code POST /v2/orders} body.
     *
     * @param ids new order ids and generated client order ids
     * @throws AlpacaException 422 naming the field that is missing or invalid
     */
    public static OrderPlan parse(JsonNode body, Supplier<String> ids) {
        if (body == null || !body.isObject()) {
            throw AlpacaException.invalid("request body must be a JSON object");
        }
        String symbol = text(body, "symbol");
        if (symbol == null || symbol.isBlank()) {
            throw AlpacaException.invalid("symbol is required");
        }
        symbol = symbol.trim().toUpperCase(Locale.ROOT);
        Side side = side(text(body, "side"));
        OrderType type = type(text(body, "type") != null ? text(body, "type") : text(body, "order_type"));
        TimeInForce timeInForce = timeInForce(text(body, "time_in_force"));
        String orderClass = text(body, "order_class");
        orderClass = orderClass == null || orderClass.isEmpty() ? "simple" : orderClass.toLowerCase(Locale.ROOT);
        BigDecimal qty = decimal(body, "qty");
        BigDecimal notional = decimal(body, "notional");
        if ((qty == null) == (notional == null)) {
            throw AlpacaException.invalid(qty == null ? "qty or notional is required" : "qty and notional cannot both be given");
        }
        if (notional != null && (type != OrderType.MARKET || !orderClass.equals("simple"))) {
            throw AlpacaException.invalid("notional is only supported for simple market orders");
        }
        BigDecimal limitPrice = decimal(body, "limit_price");
        BigDecimal stopPrice = decimal(body, "stop_price");
        BigDecimal trailPrice = decimal(body, "trail_price");
        BigDecimal trailPercent = decimal(body, "trail_percent");
        String clientOrderId = clientOrderId(body, ids);
        JsonNode takeProfit = body.get("take_profit");
        JsonNode stopLoss = body.get("stop_loss");
        BigDecimal takeProfitLimit = takeProfit == null || takeProfit.isNull() ? null
                : decimal(takeProfit, "limit_price", "take_profit.limit_price");
        BigDecimal stopLossStop = stopLoss == null || stopLoss.isNull() ? null
                : decimal(stopLoss, "stop_price", "stop_loss.stop_price");
        BigDecimal stopLossLimit = stopLoss == null || stopLoss.isNull() ? null
                : decimal(stopLoss, "limit_price", "stop_loss.limit_price");
        if (stopLoss != null && !stopLoss.isNull() && stopLossStop == null) {
            throw AlpacaException.invalid("stop_loss.stop_price is required");
        }
        if (takeProfit != null && !takeProfit.isNull() && takeProfitLimit == null) {
            throw AlpacaException.invalid("take_profit.limit_price is required");
        }
        String entryId = ids.get();
        String ocoGroup = NameUuid.of("oco|" + entryId);
        List<Planned> orders = new ArrayList<>();
        Side exitSide = side == Side.BUY ? Side.SELL : Side.BUY;
        switch (orderClass) {
            case "simple" -> orders.add(single(entryId, clientOrderId, side, type, qty, notional, limitPrice, stopPrice,
                    trailPrice, trailPercent, timeInForce, null, null, null));
            case "bracket", "oto" -> {
                if (type != OrderType.MARKET && type != OrderType.LIMIT) {
                    throw AlpacaException.invalid("type must be market or limit for order_class " + orderClass);
                }
                boolean bracket = orderClass.equals("bracket");
                if (bracket && (takeProfitLimit == null || stopLossStop == null)) {
                    throw AlpacaException.invalid("bracket orders require take_profit.limit_price and "
                            + "stop_loss.stop_price");
                }
                if (!bracket && (takeProfitLimit == null) == (stopLossStop == null)) {
                    throw AlpacaException.invalid("oto orders require exactly one of take_profit and stop_loss");
                }
                String group = bracket ? ocoGroup : null;
                orders.add(single(entryId, clientOrderId, side, type, qty, null, limitPrice, stopPrice, null, null,
                        timeInForce, null, null, null));
                if (takeProfitLimit != null) {
                    orders.add(single(ids.get(), ids.get(), exitSide, OrderType.LIMIT, qty, null, takeProfitLimit, null,
                            null, null, timeInForce, entryId, group, entryId));
                }
                if (stopLossStop != null) {
                    orders.add(single(ids.get(), ids.get(), exitSide, stopLossLimit == null ? OrderType.STOP
                                    : OrderType.STOP_LIMIT, qty, null, stopLossLimit, stopLossStop, null, null,
                            timeInForce, entryId, group, entryId));
                }
            }
            case "oco" -> {
                if (type != OrderType.LIMIT) {
                    throw AlpacaException.invalid("type must be limit for order_class oco");
                }
                BigDecimal profitLimit = takeProfitLimit != null ? takeProfitLimit : limitPrice;
                if (profitLimit == null || stopLossStop == null) {
                    throw AlpacaException.invalid("oco orders require take_profit.limit_price and stop_loss.stop_price");
                }
                orders.add(single(entryId, clientOrderId, side, OrderType.LIMIT, qty, null, profitLimit, null, null,
                        null, timeInForce, null, ocoGroup, null));
                orders.add(single(ids.get(), ids.get(), side, stopLossLimit == null ? OrderType.STOP
                                : OrderType.STOP_LIMIT, qty, null, stopLossLimit, stopLossStop, null, null,
                        timeInForce, null, ocoGroup, entryId));
            }
            default -> throw AlpacaException.invalid("invalid order_class " + orderClass);
        }
        return new OrderPlan(symbol, orderClass, orders);
    }

    /**
     * The order replacing {@code old} ({@code PATCH /v2/orders/{id}}): {@code qty}, {@code time_in_force},
     * {@code limit_price}, {@code stop_price}, {@code trail} (trail price or percent, as the old order had) and
     * {@code client_order_id} from the body, the rest from the old order.
     */
    public static OrderPlan replacement(AlpacaOrderRow old, JsonNode body, Supplier<String> ids) {
        if (body == null || !body.isObject()) {
            throw AlpacaException.invalid("request body must be a JSON object");
        }
        OrderType type = OrderType.valueOf(old.orderType().toUpperCase(Locale.ROOT));
        BigDecimal qty = decimal(body, "qty");
        BigDecimal limitPrice = decimal(body, "limit_price");
        BigDecimal stopPrice = decimal(body, "stop_price");
        BigDecimal trail = decimal(body, "trail");
        String tif = text(body, "time_in_force");
        boolean contingent = old.orderClass().equals("bracket") || old.orderClass().equals("oto");
        Planned planned = single(ids.get(), clientOrderId(body, ids),
                Side.valueOf(old.side().toUpperCase(Locale.ROOT)), type,
                qty != null ? qty : old.qty(), qty != null ? null : old.notional(),
                limitPrice != null ? limitPrice : old.limitPrice(), stopPrice != null ? stopPrice : old.stopPrice(),
                trail != null && old.trailPrice() != null ? trail : old.trailPrice(),
                trail != null && old.trailPercent() != null ? trail : old.trailPercent(),
                tif != null ? timeInForce(tif) : TimeInForce.valueOf(old.timeInForce().toUpperCase(Locale.ROOT)),
                contingent ? old.parentId() : null, old.ocoGroup(), old.parentId());
        planned = new Planned(planned.id(), planned.clientOrderId(), planned.side(), planned.type(), planned.qty(),
                planned.notional(), planned.limitPrice(), planned.stopPrice(), planned.trailPrice(),
                planned.trailPercent(), planned.timeInForce(), planned.parentId(), planned.ocoGroup(),
                planned.listedUnder(), old.id());
        return new OrderPlan(old.symbol(), old.orderClass(), List.of(planned));
    }

    /** A simple market order of {@code qty} (closing a position). */
    public static OrderPlan market(String symbol, Side side, BigDecimal qty, Supplier<String> ids) {
        return new OrderPlan(symbol, "simple", List.of(single(ids.get(), ids.get(), side, OrderType.MARKET, qty, null,
                null, null, null, null, TimeInForce.DAY, null, null, null)));
    }

    private static Planned single(String id, String clientOrderId, Side side, OrderType type, BigDecimal qty,
            BigDecimal notional, BigDecimal limitPrice, BigDecimal stopPrice, BigDecimal trailPrice,
            BigDecimal trailPercent, TimeInForce timeInForce, String parentId, String ocoGroup, String listedUnder) {
        boolean needsLimit = type == OrderType.LIMIT || type == OrderType.STOP_LIMIT;
        boolean needsStop = type == OrderType.STOP || type == OrderType.STOP_LIMIT;
        String name = type.name().toLowerCase(Locale.ROOT);
        if (needsLimit && limitPrice == null) {
            throw AlpacaException.invalid("limit_price is required for " + name + " orders");
        }
        if (needsStop && stopPrice == null) {
            throw AlpacaException.invalid("stop_price is required for " + name + " orders");
        }
        if (type == OrderType.TRAILING_STOP && (trailPrice == null) == (trailPercent == null)) {
            throw AlpacaException.invalid("exactly one of trail_price and trail_percent is required for trailing_stop "
                    + "orders");
        }
        if (trailPercent != null && trailPercent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw AlpacaException.invalid("trail_percent must be below 100");
        }
        return new Planned(id, clientOrderId, side, type, qty, notional, needsLimit ? limitPrice : null,
                needsStop ? stopPrice : null, type == OrderType.TRAILING_STOP ? trailPrice : null,
                type == OrderType.TRAILING_STOP ? trailPercent : null, timeInForce, parentId, ocoGroup, listedUnder,
                null);
    }

    private static String clientOrderId(JsonNode body, Supplier<String> ids) {
        String clientOrderId = text(body, "client_order_id");
        if (clientOrderId == null || clientOrderId.isEmpty()) {
            return ids.get();
        }
        if (clientOrderId.length() > 128) {
            throw AlpacaException.invalid("client_order_id must be at most 128 characters");
        }
        return clientOrderId;
    }

    private static Side side(String side) {
        if (side == null) {
            throw AlpacaException.invalid("side is required");
        }
        return switch (side.toLowerCase(Locale.ROOT)) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw AlpacaException.invalid("invalid side " + side);
        };
    }

    private static final Map<String, OrderType> TYPES = Map.of("market", OrderType.MARKET, "limit", OrderType.LIMIT,
            "stop", OrderType.STOP, "stop_limit", OrderType.STOP_LIMIT, "trailing_stop", OrderType.TRAILING_STOP);

    private static OrderType type(String type) {
        if (type == null) {
            throw AlpacaException.invalid("type is required");
        }
        OrderType orderType = TYPES.get(type.toLowerCase(Locale.ROOT));
        if (orderType == null) {
            throw AlpacaException.invalid("invalid type " + type);
        }
        return orderType;
    }

    static TimeInForce timeInForce(String tif) {
        if (tif == null) {
            throw AlpacaException.invalid("time_in_force is required");
        }
        return switch (tif.toLowerCase(Locale.ROOT)) {
            case "day" -> TimeInForce.DAY;
            case "gtc" -> TimeInForce.GTC;
            case "ioc" -> TimeInForce.IOC;
            case "fok" -> TimeInForce.FOK;
            case "opg", "cls" -> throw AlpacaException.invalid("time_in_force " + tif.toLowerCase(Locale.ROOT)
                    + " is not supported");
            default -> throw AlpacaException.invalid("invalid time_in_force " + tif);
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw AlpacaException.invalid("invalid " + field);
        }
        return value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return decimal(node, field, field);
    }

    /** A positive decimal given as a JSON string or number; null when absent or empty. */
    private static BigDecimal decimal(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        BigDecimal number;
        try {
            if (value.isNumber()) {
                number = value.decimalValue();
            } else if (value.isTextual()) {
                number = new BigDecimal(value.asText().trim());
            } else {
                throw AlpacaException.invalid("invalid " + name);
            }
        } catch (NumberFormatException e) {
            throw AlpacaException.invalid("invalid " + name + ": " + value.asText());
        }
        if (number.signum() <= 0) {
            throw AlpacaException.invalid(name + " must be positive");
        }
        return number;
    }
}
