package dev.papertrader.monitor.alert;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;

/**
 * One client of the alerts stream: its filter and a bounded queue of the messages not sent yet.
 *
 * <p>At most one message is being written to the client at a time; the next is taken from the queue when the write
 * completes. Offering never waits: when the queue holds {@code capacity} messages, the oldest is dropped to make
 * room, so a client that reads slowly (or not at all) holds at most {@code capacity} messages plus the one being
 * written, and never delays the other clients. Before the next message it does get after a drop, the client is sent
 * a {@code dropped} notice ({@link DroppedNotice}) with how many were dropped since the last notice and in all.
 *
 * <p>Thread-safe: events are offered from the AMQP consumers and the feed, writes complete on the connection's event
 * loop.
 */
public final class AlertSubscriber {

    /** Writes one text message to the client; the item arrives once it is written. */
    @FunctionalInterface
    public interface Sender {
        Uni<Void> send(String text);
    }

    /** The text of a {@code dropped} notice. */
    @FunctionalInterface
    public interface DroppedNotice {
        /**
         * @param dropped      messages dropped since the previous notice
         * @param droppedTotal messages dropped since the client connected
         */
        String text(long dropped, long droppedTotal);
    }

    private final String id;
    private final int capacity;
    private final Sender sender;
    private final DroppedNotice droppedNotice;
    private final Runnable onDrop;
    private final ArrayDeque<String> queue;
    private volatile AlertFilter filter;

    // Guarded by this.
    private boolean sending;
    private boolean closed;
    private long droppedSinceNotice;
    private long droppedTotal;
    private long sent;
    private long failedWrites;

    /**
     * @param id            the connection's id
     * @param capacity      how many unsent messages are kept (at least 1)
     * @param filter        the events the client wants
     * @param sender        writes to the client
     * @param droppedNotice the text of a {@code dropped} notice
     * @param onDrop        called once per dropped message (metrics)
     */
    public AlertSubscriber(String id, int capacity, AlertFilter filter, Sender sender, DroppedNotice droppedNotice,
            Runnable onDrop) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the alerts client buffer must hold at least 1 message, was " + capacity);
        }
        this.id = id;
        this.capacity = capacity;
        this.filter = filter;
        this.sender = sender;
        this.droppedNotice = droppedNotice;
        this.onDrop = onDrop;
        this.queue = new ArrayDeque<>(Math.min(capacity, 64));
    }

    public String id() {
        return id;
    }

    public AlertFilter filter() {
        return filter;
    }

    /** Replaces the filter; messages already queued are still sent. */
    public void filter(AlertFilter replacement) {
        this.filter = replacement;
    }

    /**
     * Queues {@code text} without writing it yet: the first message, queued before the subscriber can receive
     * events, so that nothing precedes it; {@link #start()} writes it.
     */
    public synchronized void queueFirst(String text) {
        queue.addFirst(text);
    }

    /** Writes what is queued, if nothing is being written. */
    public void start() {
        synchronized (this) {
            if (sending || queue.isEmpty()) {
                return;
            }
            sending = true;
        }
        sendNext();
    }

    /** Queues {@code text} for the client, dropping the oldest queued message when full; returns at once. */
    public void offer(String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() == capacity) {
                queue.removeFirst();
                droppedSinceNotice++;
                droppedTotal++;
                onDrop.run();
            }
            queue.addLast(text);
            if (sending) {
                return;
            }
            sending = true;
        }
        sendNext();
    }

    /** Sends nothing more; what is queued is forgotten. */
    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    /** Messages dropped since the client connected. */
    public synchronized long droppedTotal() {
        return droppedTotal;
    }

    /** Messages written to the client (notices included). */
    public synchronized long sent() {
        return sent;
    }

    /** Writes that failed (the connection was closing or broken); such a message may not have arrived. */
    public synchronized long failedWrites() {
        return failedWrites;
    }

    /** Messages waiting to be written. */
    public synchronized int queued() {
        return queue.size();
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            if (closed) {
                sending = false;
                return;
            }
            if (droppedSinceNotice > 0) {
                next = droppedNotice.text(droppedSinceNotice, droppedTotal);
                droppedSinceNotice = 0;
            } else {
                next = queue.pollFirst();
                if (next == null) {
                    sending = false;
                    return;
                }
            }
        }
        sender.send(next).subscribe().with(written -> {
            synchronized (this) {
                sent++;
            }
            sendNext();
        }, failure -> {
            synchronized (this) {
                failedWrites++;
            }
            Log.debugf("alerts client %s: a write failed (%s)", id, failure.toString());
            sendNext();
        });
    }
}
