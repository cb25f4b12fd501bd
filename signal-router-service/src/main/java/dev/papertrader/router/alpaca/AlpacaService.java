package dev.papertrader.router.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.core.model.CancelRequest;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.NameUuid;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.PositionSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.router.SessionHours;
import dev.papertrader.router.service.RouterService;
import dev.papertrader.router.service.RouterService.RouterView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Alpaca Trading API v2 subset over the router: orders go through the router's risk checks
 * ({@link RouterService#placeManual}) and out on {@code trading.orders}; reads come from the read model and the
 * router's last snapshot. Errors are {@link AlpacaException}s.
 *
 * <p>Order ids and generated client order ids are random UUIDs: this is the API boundary, where a new order is a new
 * identity; everything after it (event times, fills) is deterministic.
 */
@ApplicationScoped
public class AlpacaService {

    /** Alpaca statuses of orders that can still fill (the {@code open} filter of {@code GET /v2/orders}). */
    public static final List<String> OPEN = List.of("new", "accepted", "partially_filled", "held", "pending_cancel",
            "pending_replace", "pending_new", "accepted_for_bidding");
    /** Alpaca statuses of orders that are done (the {@code closed} filter). */
    public static final List<String> CLOSED = List.of("filled", "canceled", "expired", "rejected", "replaced");

    private static final Supplier<String> IDS = () -> UUID.randomUUID().toString();

    private final RouterService router;
    private final AlpacaOrderRepository orders;
    private final AlpacaReadModel readModel;

    public AlpacaService(RouterService router, AlpacaOrderRepository orders, AlpacaReadModel readModel) {
        this.router = router;
        this.orders = orders;
        this.readModel = readModel;
    }

    // ---- orders -------------------------------------------------------------------------------------------------

    /** {@code POST /v2/orders}. */
    public Uni<Map<String, Object>> placeOrder(String accountId, JsonNode body) {
        OrderPlan plan = OrderPlan.parse(body, IDS);
        return orders.findByClientOrderId(accountId, plan.entry().clientOrderId()).chain(existing -> {
            if (existing.isPresent()) {
                throw AlpacaException.invalid("client_order_id must be unique");
            }
            return place(accountId, plan);
        });
    }

    /** Runs {@code plan} through the router's risk checks; the entry as Alpaca JSON with its legs. */
    private Uni<Map<String, Object>> place(String accountId, OrderPlan plan) {
        return view(accountId).chain(view -> {
            BigDecimal price = readModel.lastPrice(plan.symbol())
                    .or(() -> heldPrice(view.lastSnapshot(), plan.symbol()))
                    .orElseThrow(() -> AlpacaException.invalid("asset " + plan.symbol() + " not found"));
            List<AlpacaOrderRow> placed = new ArrayList<>();
            return router.placeManual(time -> plan.toOrders(accountId, time), price, (connection, decision) -> {
                if (!decision.accepted()) {
                    return Uni.createFrom().voidItem();
                }
                placed.addAll(plan.toRows(accountId, decision.decidedAt()));
                return plan.orders().get(0).replaces() == null ? orders.insert(connection, placed)
                        : orders.insert(connection, placed).chain(() -> orders.markPending(connection,
                                plan.entry().replaces(), "pending_replace", decision.decidedAt(), plan.entry().id()));
            }).onFailure(RouterService.MarketNotStartedException.class)
                    .transform(e -> AlpacaException.forbidden(e.getMessage()))
                    .map(decision -> {
                        if (!decision.accepted()) {
                            throw rejection(decision);
                        }
                        return AlpacaJson.order(placed.get(0), placed.subList(1, placed.size()));
                    });
        });
    }

    private static AlpacaException rejection(Decision decision) {
        return AlpacaException.forbidden(decision.rule().equals("buying-power") ? decision.reason()
                : decision.rule() + ": " + decision.reason());
    }

    /** {@code GET /v2/orders/{id}}. */
    public Uni<Map<String, Object>> order(String accountId, String id) {
        return orders.find(accountId, id).chain(found -> withLegs(found.orElseThrow(AlpacaService::orderNotFound)));
    }

    /** {@code GET /v2/orders:by_client_order_id}. */
    public Uni<Map<String, Object>> orderByClientOrderId(String accountId, String clientOrderId) {
        return orders.findByClientOrderId(accountId, clientOrderId)
                .chain(found -> withLegs(found.orElseThrow(AlpacaService::orderNotFound)));
    }

    /**
     * {@code GET /v2/orders}: {@code status} open (default), closed or all; newest first unless {@code direction}
     * asc; {@code nested} lists legs only under their order.
     */
    public Uni<List<Map<String, Object>>> listOrders(String accountId, String status, int limit, Instant after,
            Instant until, boolean ascending, boolean nested, List<String> symbols) {
        List<String> statuses = switch (status == null ? "open" : status) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            case "all" -> null;
            default -> throw AlpacaException.invalid("invalid status " + status);
        };
        return orders.list(accountId, statuses, symbols, nested, after, until, ascending, limit)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(List.<Map<String, Object>>of())
                        : Uni.join().all(rows.stream().map(this::withLegs).toList()).andFailFast());
    }

    private Uni<Map<String, Object>> withLegs(AlpacaOrderRow row) {
        return orders.legs(row.id()).map(legs -> AlpacaJson.order(row, legs));
    }

    /**
     * {@code DELETE /v2/orders/{id}}: a {@link CancelRequest} for the order and its open legs on
     * {@code trading.orders}; the order shows {@code pending_cancel} until the order service's status.
     */
    public Uni<Void> cancel(String accountId, String id) {
        return orders.find(accountId, id).chain(found -> {
            AlpacaOrderRow order = found.orElseThrow(AlpacaService::orderNotFound);
            if (order.isFinal()) {
                throw AlpacaException.notCancelable("order is not cancelable: it is " + order.status());
            }
            return orders.legs(id).chain(legs -> {
                List<AlpacaOrderRow> targets = new ArrayList<>();
                targets.add(order);
                legs.stream().filter(leg -> !leg.isFinal()).forEach(targets::add);
                return cancelAll(accountId, targets);
            });
        });
    }

    private Uni<Void> cancelAll(String accountId, List<AlpacaOrderRow> targets) {
        return router.publishOrders(time -> targets.stream().<Object>map(target -> new CancelRequest(
                                NameUuid.of("cancel|" + target.id()), target.id(), accountId,
                                "canceled through the Alpaca API", time)).toList(),
                        (connection, time) -> {
                            Uni<Void> done = Uni.createFrom().voidItem();
                            for (AlpacaOrderRow target : targets) {
                                done = done.chain(() -> orders.markPending(connection, target.id(), "pending_cancel",
                                        time, null));
                            }
                            return done;
                        })
                .onFailure(RouterService.MarketNotStartedException.class)
                .transform(e -> AlpacaException.forbidden(e.getMessage()));
    }

    /** {@code DELETE /v2/orders}: cancels every open order; one {@code {id, status, body}} per order. */
    public Uni<List<Map<String, Object>>> cancelAll(String accountId) {
        return orders.list(accountId, OPEN, List.of(), false, null, null, true, 10_000).chain(open -> {
            List<AlpacaOrderRow> targets = open.stream()
                    .filter(order -> !order.status().equals("pending_cancel")).toList();
            if (targets.isEmpty()) {
                return Uni.createFrom().item(List.<Map<String, Object>>of());
            }
            return cancelAll(accountId, targets).chain(() -> Uni.join().all(targets.stream()
                            .map(target -> orders.find(accountId, target.id())
                                    .map(row -> multiStatus("id", target.id(), AlpacaJson.order(row.orElseThrow(), null))))
                            .toList()).andFailFast());
        });
    }

    /**
     * {@code PATCH /v2/orders/{id}}: a new order replacing it ({@code replacesOrderId}), through the risk checks;
     * the old order shows {@code pending_replace} and {@code replaced_by} until the order service's status.
     */
    public Uni<Map<String, Object>> replace(String accountId, String id, JsonNode body) {
        return orders.find(accountId, id).chain(found -> {
            AlpacaOrderRow old = found.orElseThrow(AlpacaService::orderNotFound);
            if (old.isFinal() || old.status().equals("pending_cancel") || old.status().equals("pending_replace")) {
                throw AlpacaException.notCancelable("order is not replaceable: it is " + old.status());
            }
            OrderPlan plan = OrderPlan.replacement(old, body, IDS);
            return orders.findByClientOrderId(accountId, plan.entry().clientOrderId()).chain(existing -> {
                if (existing.isPresent()) {
                    throw AlpacaException.invalid("client_order_id must be unique");
                }
                return place(accountId, plan);
            });
        });
    }

    private static AlpacaException orderNotFound() {
        return AlpacaException.notFound("order not found");
    }

    // ---- account and positions -------------------------------------------------------------------------------------

    /** {@code GET /v2/account}. */
    public Uni<Map<String, Object>> account(String accountId) {
        return snapshotView(accountId).map(view -> AlpacaJson.account(view.lastSnapshot(),
                view.lastSnapshot().cash().subtract(view.reservedCash()).max(BigDecimal.ZERO), view.halted(),
                !view.config().longOnly()));
    }

    /** {@code GET /v2/positions}: the non-zero positions of the router's last snapshot. */
    public Uni<List<Map<String, Object>>> positions(String accountId) {
        return snapshotView(accountId).map(view -> view.lastSnapshot().positions().stream()
                .filter(position -> position.qty().signum() != 0).map(AlpacaJson::position).toList());
    }

    /** {@code GET /v2/positions/{symbol}}. */
    public Uni<Map<String, Object>> position(String accountId, String symbol) {
        return snapshotView(accountId).map(view -> AlpacaJson.position(held(view.lastSnapshot(), symbol)));
    }

    /**
     * {@code DELETE /v2/positions/{symbol}}: a market order of the opposite side for the held quantity, or for
     * {@code qty}, or for {@code percentage} % of it (rounded down to the unit when the held quantity is whole).
     */
    public Uni<Map<String, Object>> closePosition(String accountId, String symbol, BigDecimal qty,
            BigDecimal percentage) {
        return snapshotView(accountId).chain(view -> {
            PositionSnapshot position = held(view.lastSnapshot(), symbol);
            BigDecimal held = position.qty().abs();
            BigDecimal closing = held;
            if (qty != null) {
                closing = qty.min(held);
            } else if (percentage != null) {
                if (percentage.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw AlpacaException.invalid("percentage must be at most 100");
                }
                int scale = held.stripTrailingZeros().scale() <= 0 ? 0 : 8;
                closing = held.multiply(percentage).divide(BigDecimal.valueOf(100), scale, RoundingMode.DOWN);
            }
            if (closing.signum() <= 0) {
                throw AlpacaException.invalid("qty to close must be positive");
            }
            Side side = position.qty().signum() > 0 ? Side.SELL : Side.BUY;
            return place(accountId, OrderPlan.market(position.symbol(), side, closing, IDS));
        });
    }

    /** {@code DELETE /v2/positions}: closes each position (optionally cancelling open orders first). */
    public Uni<List<Map<String, Object>>> closeAll(String accountId, boolean cancelOrders) {
        Uni<?> first = cancelOrders ? cancelAll(accountId) : Uni.createFrom().voidItem();
        return first.chain(() -> snapshotView(accountId)).chain(view -> {
            List<PositionSnapshot> held = view.lastSnapshot().positions().stream()
                    .filter(position -> position.qty().signum() != 0).toList();
            Uni<List<Map<String, Object>>> results = Uni.createFrom().item(new ArrayList<>());
            for (PositionSnapshot position : held) {
                results = results.chain(list -> closePosition(accountId, position.symbol(), null, null)
                        .map(order -> multiStatus("symbol", position.symbol(), order))
                        .onFailure(AlpacaException.class).recoverWithItem(e -> {
                            AlpacaException failure = (AlpacaException) e;
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("symbol", position.symbol());
                            item.put("status", failure.status());
                            item.put("body", failure.body());
                            return item;
                        })
                        .map(item -> {
                            list.add(item);
                            return list;
                        }));
            }
            return results;
        });
    }

    private static Map<String, Object> multiStatus(String key, String value, Map<String, Object> body) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(key, value);
        item.put("status", 200);
        item.put("body", body);
        return item;
    }

    private static PositionSnapshot held(PortfolioSnapshot snapshot, String symbol) {
        return snapshot.positions().stream().filter(p -> p.symbol().equalsIgnoreCase(symbol) && p.qty().signum() != 0)
                .findFirst().orElseThrow(() -> AlpacaException.notFound("position does not exist"));
    }

    private static Optional<BigDecimal> heldPrice(PortfolioSnapshot snapshot, String symbol) {
        if (snapshot == null) {
            return Optional.empty();
        }
        return snapshot.positions().stream().filter(p -> p.symbol().equals(symbol) && p.marketPrice() != null
                && p.marketPrice().signum() > 0).map(PositionSnapshot::marketPrice).findFirst();
    }

    // ---- history, clock, assets ---------------------------------------------------------------------------------

    /**
     * {@code GET /v2/account/portfolio/history}: the equity at each decided slice (oldest first, at most the latest
     * 1000, from {@code start} when given); {@code profit_loss} against the first point.
     */
    public Uni<Map<String, Object>> portfolioHistory(String accountId, Instant start, String timeframe) {
        return readModel.equityHistory(accountId, start, 1000).map(points -> {
            BigDecimal base = points.isEmpty() ? BigDecimal.ZERO : points.get(0).getValue();
            List<Long> timestamps = new ArrayList<>();
            List<BigDecimal> equity = new ArrayList<>();
            List<BigDecimal> profitLoss = new ArrayList<>();
            List<BigDecimal> profitLossPct = new ArrayList<>();
            for (Map.Entry<Instant, BigDecimal> point : points) {
                timestamps.add(point.getKey().getEpochSecond());
                equity.add(point.getValue());
                BigDecimal pl = point.getValue().subtract(base);
                profitLoss.add(pl);
                profitLossPct.add(base.signum() == 0 ? BigDecimal.ZERO : pl.divide(base, 8, RoundingMode.HALF_EVEN));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("timestamp", timestamps);
            json.put("equity", equity);
            json.put("profit_loss", profitLoss);
            json.put("profit_loss_pct", profitLossPct);
            json.put("base_value", base);
            json.put("timeframe", timeframe == null ? "1D" : timeframe);
            return json;
        });
    }

    /**
     * {@code GET /v2/clock}: {@code timestamp} is the router's event time (the last decided slice); {@code is_open},
     * {@code next_open} and {@code next_close} follow the router's session hours, or the regular US equity session
     * (09:30–16:00 New York, Monday to Friday, no holidays) when it has none.
     */
    public Uni<Map<String, Object>> clock(String accountId) {
        return view(accountId).map(view -> {
            if (view.lastClosedSlice() == null) {
                throw AlpacaException.forbidden("market data has not started");
            }
            SessionHours session = view.config().filters().sessionHours() != null
                    ? view.config().filters().sessionHours() : SessionHours.usEquities();
            Instant now = view.lastClosedSlice();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("timestamp", now.toString());
            json.put("is_open", session.contains(now));
            json.put("next_open", nextOpen(session, now).toString());
            json.put("next_close", nextClose(session, now).toString());
            return json;
        });
    }

    /** The first session open after {@code now}. */
    static Instant nextOpen(SessionHours session, Instant now) {
        LocalDate today = now.atZone(session.zone()).toLocalDate();
        for (int day = 0; day <= 8; day++) {
            LocalDate date = today.plusDays(day);
            Instant open = date.atTime(session.open()).atZone(session.zone()).toInstant();
            if (session.days().contains(date.getDayOfWeek()) && open.isAfter(now)) {
                return open;
            }
        }
        throw new IllegalStateException("no session opens within 8 days of " + now);
    }

    /** The first session close after {@code now} (a close past midnight belongs to the previous day's session). */
    static Instant nextClose(SessionHours session, Instant now) {
        LocalDate today = now.atZone(session.zone()).toLocalDate();
        for (int day = -1; day <= 8; day++) {
            LocalDate date = today.plusDays(day);
            LocalDate closeDate = session.open().isBefore(session.close()) ? date : date.plusDays(1);
            Instant close = closeDate.atTime(session.close()).atZone(session.zone()).toInstant();
            if (session.days().contains(date.getDayOfWeek()) && close.isAfter(now)) {
                return close;
            }
        }
        throw new IllegalStateException("no session closes within 8 days of " + now);
    }

    /** {@code GET /v2/assets/{symbol}}: a symbol the router has a bar of, or the account holds. */
    public Uni<Map<String, Object>> asset(String accountId, String symbolOrId) {
        return view(accountId).map(view -> {
            String symbol = symbolOrId.toUpperCase(java.util.Locale.ROOT);
            boolean known = readModel.lastPrice(symbol).isPresent()
                    || heldPrice(view.lastSnapshot(), symbol).isPresent();
            if (!known) {
                throw AlpacaException.notFound("asset not found");
            }
            return AlpacaJson.asset(symbol, !view.config().longOnly(), view.config().fractional());
        });
    }

    // ---- the router ----------------------------------------------------------------------------------------------

    private Uni<RouterView> view(String accountId) {
        return router.view().map(view -> {
            if (!view.accountId().equals(accountId)) {
                throw AlpacaException.forbidden("this router serves account " + view.accountId() + ", not "
                        + accountId);
            }
            return view;
        });
    }

    private Uni<RouterView> snapshotView(String accountId) {
        return view(accountId).map(view -> {
            if (view.lastSnapshot() == null) {
                throw AlpacaException.forbidden("market data has not started");
            }
            return view;
        });
    }

}
