package dev.papertrader.core.model;

/** What the simulated exchange reports, in the order it happened: fills and order status changes. */
public sealed interface ExecutionEvent permits Fill, OrderStatusEvent {
    String orderId();

    String accountId();

    String symbol();
}
