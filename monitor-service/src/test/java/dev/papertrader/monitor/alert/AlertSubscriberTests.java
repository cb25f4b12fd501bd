package dev.papertrader.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-client queue: one write at a time, bounded, drop-oldest, a dropped notice before the next message. */
class AlertSubscriberTests {

    /** A client whose writes complete only when the test says so. */
    static final class ManualClient implements AlertSubscriber.Sender {
        final List<String> written = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();

        @Override
        public Uni<Void> send(String text) {
            written.add(text);
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            return Uni.createFrom().completionStage(done);
        }

        /** Completes the oldest write still pending. */
        void completeNext() {
            pending.stream().filter(future -> !future.isDone()).findFirst().orElseThrow().complete(null);
        }
    }

    final ManualClient client = new ManualClient();
    final AtomicInteger drops = new AtomicInteger();

    AlertSubscriber subscriber(int capacity) {
        return new AlertSubscriber("c1", capacity, AlertFilter.ALL, client,
                (dropped, total) -> "dropped " + dropped + "/" + total, drops::incrementAndGet);
    }

    @Test
    void writesOneMessageAtATimeInOrder() {
        AlertSubscriber subscriber = subscriber(10);
        subscriber.offer("a");
        subscriber.offer("b");
        subscriber.offer("c");
        assertThat(client.written).containsExactly("a");
        assertThat(subscriber.queued()).isEqualTo(2);
        client.completeNext();
        assertThat(client.written).containsExactly("a", "b");
        client.completeNext();
        client.completeNext();
        assertThat(client.written).containsExactly("a", "b", "c");
        assertThat(subscriber.sent()).isEqualTo(3);
        assertThat(subscriber.queued()).isZero();
        // idle again: the next offer is written at once
        subscriber.offer("d");
        assertThat(client.written).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aFullQueueDropsItsOldestAndTheClientIsToldBeforeTheNextMessage() {
        AlertSubscriber subscriber = subscriber(3);
        subscriber.offer("m1"); // being written
        for (int i = 2; i <= 7; i++) {
            subscriber.offer("m" + i); // queue keeps 3: m2..m4, then m3..m5, m4..m6, m5..m7
        }
        assertThat(subscriber.queued()).isEqualTo(3);
        assertThat(subscriber.droppedTotal()).isEqualTo(3); // m2, m3, m4
        assertThat(drops).hasValue(3);

        client.completeNext(); // m1 done: the notice comes first, then the newest three
        client.completeNext();
        client.completeNext();
        client.completeNext();
        assertThat(client.written).containsExactly("m1", "dropped 3/3", "m5", "m6", "m7");

        // a second overflow: the notice counts the drops since the previous one, and the total
        subscriber.offer("m8");
        subscriber.offer("m9");
        subscriber.offer("m10");
        subscriber.offer("m11");
        subscriber.offer("m12"); // m7 is being written; queue m8..m10, then m9..m11, m10..m12: m8, m9 dropped
        client.completeNext();
        client.completeNext();
        assertThat(client.written).endsWith("m7", "dropped 2/5", "m10");
        assertThat(drops).hasValue(5);
    }

    @Test
    void aFirstMessageWaitsForStartAndPrecedesEverythingOffered() {
        AlertSubscriber subscriber = subscriber(5);
        subscriber.queueFirst("subscribed");
        assertThat(client.written).isEmpty();
        subscriber.start();
        subscriber.offer("e1");
        assertThat(client.written).containsExactly("subscribed");
        client.completeNext();
        assertThat(client.written).containsExactly("subscribed", "e1");

        // an event offered before start (by a publisher that already sees the subscriber) still comes after it
        ManualClient other = new ManualClient();
        AlertSubscriber racing = new AlertSubscriber("c2", 5, AlertFilter.ALL, other, (d, t) -> "dropped", () -> {
        });
        racing.queueFirst("subscribed");
        racing.offer("e1");
        racing.start();
        other.completeNext();
        assertThat(other.written).containsExactly("subscribed", "e1");
    }

    @Test
    void aFailedWriteMovesOnToTheNextMessage() {
        AlertSubscriber subscriber = subscriber(5);
        subscriber.offer("a");
        subscriber.offer("b");
        client.pending.get(0).completeExceptionally(new IllegalStateException("connection reset"));
        assertThat(client.written).containsExactly("a", "b");
        assertThat(subscriber.sent()).isZero();
        assertThat(subscriber.failedWrites()).isEqualTo(1);
    }

    @Test
    void aClosedSubscriberForgetsItsQueueAndTakesNothingMore() {
        AlertSubscriber subscriber = subscriber(5);
        subscriber.offer("a");
        subscriber.offer("b");
        subscriber.close();
        subscriber.offer("c");
        client.completeNext();
        assertThat(client.written).containsExactly("a");
        assertThat(subscriber.queued()).isZero();
    }

    @Test
    void theCapacityIsAtLeastOne() {
        assertThatThrownBy(() -> subscriber(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
