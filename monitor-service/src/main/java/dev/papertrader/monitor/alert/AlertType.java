package dev.papertrader.monitor.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of event on the alerts stream ({@code /ws/alerts}), by their wire name. The first seven are events a
 * client can filter on; {@link #SUBSCRIBED} and {@link #DROPPED} are notices about the connection itself, always sent.
 */
public enum AlertType {
    /** A strategy of the monitor emitted a signal (payload: the {@code Signal}). */
    SIGNAL("signal"),
    /** The router decided a signal, accepted or rejected with its rule and reason (payload: the {@code Decision}). */
    DECISION("decision"),
    /** A decision rejected by a risk rule: kill switch, drawdown halt, daily loss, open orders, position, exposure. */
    RISK_BREACH("risk-breach"),
    /** An order changed status (payload: the {@code OrderStatusEvent}). */
    ORDER_STATUS("order-status"),
    /** An order (partly) filled (payload: the {@code Fill}). */
    FILL("fill"),
    /** An account's cash, equity and positions after a slice (payload: the {@code PortfolioSnapshot}). */
    PORTFOLIO("portfolio"),
    /** The monitor's market data feed started, stopped or ended (payload: the feed status of GET /feed). */
    FEED_STATUS("feed-status"),
    /** Sent first on every connection: the filter in effect (payload: {connection, symbols, types, accounts, bufferSize}). */
    SUBSCRIBED("subscribed"),
    /** Events were dropped because this client read too slowly (payload: {dropped, droppedTotal}). */
    DROPPED("dropped");

    private final String wireName;

    AlertType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether a client's type filter applies to it (notices about the connection always pass). */
    public boolean filterable() {
        return this != SUBSCRIBED && this != DROPPED;
    }

    /**
     * The filterable type of a wire name, case-insensitive.
     *
     * @throws IllegalArgumentException for another name; the message lists the valid ones
     */
    public static AlertType ofWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.filterable() && type.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown alert type '" + name + "'; expected some of "
                        + Arrays.stream(values()).filter(AlertType::filterable).map(AlertType::wireName)
                                .collect(Collectors.joining(","))));
    }
}
