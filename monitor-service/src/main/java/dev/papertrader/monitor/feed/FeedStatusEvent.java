package dev.papertrader.monitor.feed;

import java.time.Instant;

/**
 * A change of a live feed's connection, fired as a CDI event (and forwarded to the {@code /alerts} stream as a
 * {@code feed-status} event on address {@code monitor.feed}, see {@code FeedStatusAlerts}).
 *
 * @param feed   feed type, e.g. {@code binance}
 * @param state  {@code connected}, {@code disconnected}, {@code recovering} (a gap is being fetched),
 *               {@code recovered}, {@code rate-limited} (waiting per Retry-After), {@code abandoned} (a gap given up)
 * @param detail what happened, for people: symbols, range, reason
 * @param health the feed's health right after the change
 * @param at     wall-clock time of the change (informational)
 */
public record FeedStatusEvent(String feed, String state, String detail, FeedHealth health, Instant at) {
}
