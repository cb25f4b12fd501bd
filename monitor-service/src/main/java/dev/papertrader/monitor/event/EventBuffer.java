package dev.papertrader.monitor.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.papertrader.monitor.config.MonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The latest {@code papertrader.monitor.events.buffer-size} events received, in memory: adding one beyond the
 * capacity drops the oldest. Thread-safe (the consumers of several channels add to it).
 */
@ApplicationScoped
public class EventBuffer {

    private final int capacity;
    private final ArrayDeque<MonitoredEvent> events;
    private long lastSeq;

    @Inject
    public EventBuffer(MonitorConfig config) {
        this(config.events().bufferSize());
    }

    /** A buffer of {@code capacity} events (at least 1). */
    public EventBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("papertrader.monitor.events.buffer-size must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public int capacity() {
        return capacity;
    }

    /** Keeps an event, numbering it; returns it. */
    public synchronized MonitoredEvent add(String address, String type, String id, JsonNode body) {
        MonitoredEvent event = new MonitoredEvent(++lastSeq, address, type, id, body);
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
        return event;
    }

    /** Up to {@code limit} of the kept events, newest first. */
    public synchronized List<MonitoredEvent> latest(int limit) {
        List<MonitoredEvent> result = new ArrayList<>(Math.min(limit, events.size()));
        Iterator<MonitoredEvent> newestFirst = events.descendingIterator();
        while (newestFirst.hasNext() && result.size() < limit) {
            result.add(newestFirst.next());
        }
        return result;
    }

    /** How many events are kept. */
    public synchronized int size() {
        return events.size();
    }
}
