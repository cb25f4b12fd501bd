package dev.papertrader.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.Side;
import dev.papertrader.localstack.broker.BrokerTopology;
import dev.papertrader.localstack.up.ReferenceRun;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Poison messages for every input address, built from messages the services really sent (read from their outboxes),
 * then broken one way each. Three groups:
 *
 * <ul>
 *   <li><b>invalid</b> (the contract says: not processed, to {@code dead.letters} with the reason): malformed JSON,
 *       a body of unknown fields only (every required field missing), a zero and a negative quantity, a NaN and an
 *       Infinity price. Each must be dead-lettered once by every service consuming the address.</li>
 *   <li><b>replays</b> (valid, must have no effect): a message already delivered, sent again with its id
 *       (duplicate id; the inbox drops it), and a bar already published sent again under a new id (out-of-order
 *       bar: its slice has passed).</li>
 *   <li><b>unknown symbol</b>: a valid market order of the reference account on {@code trading.orders}, created at the
 *       latest bar, for a symbol no bar was ever published for
 *       ({@value #UNKNOWN_SYMBOL_PREFIX}...). It is well-formed, so the order service answers it as an exchange
 *       would: the order is stored REJECTED ("no market data") and its status published, with no fill. Its rows are
 *       left out of the state comparison ({@link FinalState}) and the rejection is checked instead.</li>
 * </ul>
 * Unknown symbols are sent only as orders: a bar or signal of an unknown symbol is valid data whose effect depends
 * on when it arrives (its slice may be open or closed), so it could not be compared with the no-fault run.
 */
final class PoisonInjector {

    /**
     * What was sent, by kind of fault, how many dead letters the invalid ones must produce, and the ids of the
     * unknown-symbol orders, which must be rejected.
     */
    record Batch(Map<String, Integer> sentByKind, int expectedDeadLetters, Map<String, String> invalidIdsByAddress,
                 List<String> unknownSymbolOrderIds) {
    }

    /** The symbol of an unknown-symbol order starts with this; no data set has such a symbol. */
    static final String UNKNOWN_SYMBOL_PREFIX = "CHAOS-UNKNOWN-";

    /** The kind of body each input address carries (the {@code type} property). */
    static final Map<String, String> KINDS = Map.of(
            BrokerTopology.MARKET_BARS, "bar",
            BrokerTopology.TRADING_SIGNALS, "signal",
            BrokerTopology.TRADING_ORDERS, "order",
            BrokerTopology.TRADING_FILLS, "fill",
            BrokerTopology.PORTFOLIO_UPDATES, "snapshot",
            BrokerTopology.TRADING_DECISIONS, "decision");

    /** The schema whose outbox holds real messages of each address. */
    private static final Map<String, String> PRODUCERS = Map.of(
            BrokerTopology.MARKET_BARS, "monitor",
            BrokerTopology.TRADING_SIGNALS, "monitor",
            BrokerTopology.TRADING_ORDERS, "router",
            BrokerTopology.TRADING_FILLS, "orders",
            BrokerTopology.PORTFOLIO_UPDATES, "portfolio",
            BrokerTopology.TRADING_DECISIONS, "router");

    private final String host;
    private final int port;
    private int counter;

    PoisonInjector(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends one batch: every invalid kind and both replays on every input address. */
    Batch inject(Connection database, String label) throws SQLException {
        Map<String, Integer> sent = new LinkedHashMap<>();
        int expectedDeadLetters = 0;
        Map<String, String> invalidIds = new LinkedHashMap<>();
        List<String> unknownSymbolOrders = new ArrayList<>();
        List<Outgoing> messages = new ArrayList<>();
        for (String address : List.of(BrokerTopology.MARKET_BARS, BrokerTopology.TRADING_SIGNALS,
                BrokerTopology.TRADING_ORDERS, BrokerTopology.TRADING_FILLS, BrokerTopology.PORTFOLIO_UPDATES,
                BrokerTopology.TRADING_DECISIONS)) {
            String kind = KINDS.get(address);
            Sent real = latestSent(database, PRODUCERS.get(address), address, kind);
            int consumers = consumers(address);
            // without a real message yet (no fill so far...), only the faults that need no template
            Map<String, String> bodies = real == null ? genericBodies(label) : invalidBodies(real.body(), label);
            for (Map.Entry<String, String> poison : bodies.entrySet()) {
                String id = "poison-" + label + "-" + (++counter);
                messages.add(new Outgoing(address, id, kind, poison.getValue().replace("$ID", id)));
                sent.merge(poison.getKey(), 1, Integer::sum);
                invalidIds.put(id, address);
                expectedDeadLetters += consumers;
            }
            if (real == null) {
                continue;
            }
            messages.add(new Outgoing(address, real.id(), kind, real.body()));
            sent.merge("duplicate id", 1, Integer::sum);
            if (address.equals(BrokerTopology.MARKET_BARS)) {
                Sent oldBar = earliestSent(database, "monitor", address, kind);
                messages.add(new Outgoing(address, "poison-" + label + "-" + (++counter), kind, oldBar.body()));
                sent.merge("out-of-order bar", 1, Integer::sum);
                // created at the latest bar, so that it is no older than what a real order would be
                String id = "poison-" + label + "-" + (++counter);
                Instant latestBar = JsonCodec.decode(real.body(), Bar.class).openTime();
                messages.add(new Outgoing(BrokerTopology.TRADING_ORDERS, id, KINDS.get(BrokerTopology.TRADING_ORDERS),
                        unknownSymbolOrder(id, label, latestBar)));
                sent.merge("unknown symbol", 1, Integer::sum);
                unknownSymbolOrders.add(id);
            }
        }
        send(messages);
        return new Batch(sent, expectedDeadLetters, invalidIds, unknownSymbolOrders);
    }

    /** A valid market order of the reference account for a symbol nobody trades. */
    static String unknownSymbolOrder(String id, String label, Instant createdAt) {
        return JsonCodec.encode(Order.market(id, null, ReferenceRun.ACCOUNT, UNKNOWN_SYMBOL_PREFIX + label, Side.BUY,
                BigDecimal.ONE, createdAt));
    }

    /** The invalid variants of a real body, by kind of fault; {@code $ID} stands for the poison's own id. */
    static Map<String, String> invalidBodies(String realBody, String label) {
        Map<String, String> bodies = genericBodies(label);
        ObjectNode real = (ObjectNode) parse(realBody);
        // a zero volume is a real bar (no trade in the minute), a negative one is not
        if (real.has("qty")) {
            bodies.put("zero quantity", withField(real, "qty", "0"));
            bodies.put("negative quantity", withField(real, "qty", "-1"));
        } else if (real.has("volume")) {
            bodies.put("negative quantity", withField(real, "volume", "-1"));
        }
        String price = firstPresent(real, "price", "close", "equity");
        if (price != null) {
            bodies.put("NaN price", withField(real, price, "NaN"));
            bodies.put("Infinity price", withField(real, price, "Infinity"));
        }
        return bodies;
    }

    /** Not JSON at all, and JSON of unknown fields only (every required field missing). */
    static Map<String, String> genericBodies(String label) {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"id\": \"$ID\", \"symbol\": \"BTCUSD\", \"qty\": ");
        bodies.put("unknown fields", "{\"id\": \"$ID\", \"chaosLabel\": \"" + label + "\", \"colour\": \"blue\"}");
        return bodies;
    }

    private static String withField(ObjectNode real, String field, String value) {
        ObjectNode copy = real.deepCopy();
        if (copy.has("id")) {
            copy.put("id", "$ID");
        }
        copy.put(field, value);
        return copy.toString();
    }

    /** The schemas of the services consuming each address, each of which must dead-letter its copy. */
    static final Map<String, List<String>> CONSUMER_SCHEMAS = Map.of(
            BrokerTopology.MARKET_BARS, List.of("orders", "portfolio", "router"),
            BrokerTopology.TRADING_SIGNALS, List.of("router"),
            BrokerTopology.TRADING_ORDERS, List.of("orders"),
            BrokerTopology.TRADING_FILLS, List.of("portfolio", "router", "monitor"),
            BrokerTopology.PORTFOLIO_UPDATES, List.of("router", "monitor"),
            BrokerTopology.TRADING_DECISIONS, List.of("monitor"));

    private static String firstPresent(ObjectNode node, String... fields) {
        for (String field : fields) {
            if (node.has(field)) {
                return field;
            }
        }
        return null;
    }

    private static JsonNode parse(String body) {
        try {
            return JsonCodec.mapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("a stored message is not JSON: " + body, e);
        }
    }

    /** How many services consume the address: each dead-letters its own copy. */
    static int consumers(String address) {
        return BrokerTopology.ADDRESSES.stream().filter(candidate -> candidate.name().equals(address)).findFirst()
                .orElseThrow().queues().size();
    }

    private record Sent(String id, String body) {
    }

    private record Outgoing(String address, String id, String kind, String body) {
    }

    private static Sent latestSent(Connection database, String schema, String address, String type) throws SQLException {
        return sent(database, "select id, body from " + schema + ".outbox where address = ? and type = ?"
                + " and sent_at is not null order by seq desc limit 1", address, type);
    }

    private static Sent earliestSent(Connection database, String schema, String address, String type) throws SQLException {
        return sent(database, "select id, body from " + schema + ".outbox where address = ? and type = ?"
                + " and sent_at is not null order by seq limit 1", address, type);
    }

    private static Sent sent(Connection database, String sql, String address, String type) throws SQLException {
        try (PreparedStatement statement = database.prepareStatement(sql)) {
            statement.setString(1, address);
            statement.setString(2, type);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? new Sent(row.getString(1), row.getString(2)) : null;
            }
        }
    }

    private void send(List<Outgoing> messages) {
        Vertx vertx = Vertx.vertx();
        try {
            AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions().setHost(host).setPort(port));
            AmqpConnection connection = await(client.connect());
            for (Outgoing message : messages) {
                AmqpSender sender = await(connection.createSender(message.address()));
                await(sender.sendWithAck(AmqpMessage.create().id(message.id()).durable(true)
                        .contentType("application/json")
                        .applicationProperties(new JsonObject().put("type", message.kind()))
                        .withBody(message.body()).build()));
                await(sender.close());
            }
            await(connection.close());
            await(client.close());
        } finally {
            await(vertx.close());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("AMQP operation failed: " + e, e);
        }
    }
}
