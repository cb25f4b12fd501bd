package dev.papertrader.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OutboxRelayTests {

    /** An outbox in memory; every call completes at once. */
    static final class MemoryStore implements OutboxRelay.Store {
        final Map<Long, OutgoingMessage> rows = new LinkedHashMap<>();
        final Set<Long> sent = new HashSet<>();
        final List<Integer> readSizes = new ArrayList<>();
        long nextSeq = 1;

        void add(String id) {
            rows.put(nextSeq++, new OutgoingMessage(id, "trading.fills", "fill", "{\"id\":\"" + id + "\"}", Map.of()));
        }

        @Override
        public Uni<List<OutboxRelay.Row>> unsent(int limit) {
            List<OutboxRelay.Row> batch = rows.entrySet().stream().filter(e -> !sent.contains(e.getKey()))
                    .limit(limit).map(e -> new OutboxRelay.Row(e.getKey(), e.getValue())).toList();
            readSizes.add(batch.size());
            return Uni.createFrom().item(batch);
        }

        @Override
        public Uni<Void> markSent(List<Long> seqs) {
            sent.addAll(seqs);
            return Uni.createFrom().voidItem();
        }

        List<String> unsentIds() {
            return rows.entrySet().stream().filter(e -> !sent.contains(e.getKey())).map(e -> e.getValue().id()).toList();
        }
    }

    /** Records what is sent; the broker's answer to each send is decided by {@code answer}. */
    static final class RecordingSender implements OutboxRelay.Sender {
        final List<String> sent = new ArrayList<>();
        Function<OutgoingMessage, Uni<Void>> answer = m -> Uni.createFrom().voidItem();

        @Override
        public Uni<Void> send(OutgoingMessage message) {
            sent.add(message.id());
            return answer.apply(message);
        }
    }

    record Relay(int batchSize, Duration period, Duration sendTimeout, boolean enabled) implements MessagingConfig.Relay {
    }

    private final MemoryStore store = new MemoryStore();
    private final RecordingSender sender = new RecordingSender();

    private OutboxRelay relay(int batchSize, Duration sendTimeout) {
        return new OutboxRelay(store, sender, new Relay(batchSize, Duration.ofSeconds(1), sendTimeout, true), null);
    }

    @Test
    void sendsTheUnsentRowsInSeqOrderBatchAfterBatchAndMarksThemSent() {
        for (String id : List.of("a", "b", "c", "d", "e")) {
            store.add(id);
        }
        relay(2, Duration.ofSeconds(5)).wake();

        assertThat(sender.sent).containsExactly("a", "b", "c", "d", "e");
        assertThat(store.unsentIds()).isEmpty();
        // Two full batches are each followed at once by another round; the short third ends the run.
        assertThat(store.readSizes).containsExactly(2, 2, 1);
    }

    @Test
    void marksNothingAfterAFailedMessageAndResendsFromTheOldestUnsentRow() {
        for (String id : List.of("a", "b", "c")) {
            store.add(id);
        }
        Set<String> failOnce = new HashSet<>(Set.of("b"));
        sender.answer = m -> failOnce.remove(m.id())
                ? Uni.createFrom().failure(new IllegalStateException("broker refused " + m.id()))
                : Uni.createFrom().voidItem();
        OutboxRelay relay = relay(10, Duration.ofSeconds(5));

        relay.wake();
        // All three went out pipelined; only the one before the failure is marked.
        assertThat(sender.sent).containsExactly("a", "b", "c");
        assertThat(store.unsentIds()).containsExactly("b", "c");

        relay.wake();
        assertThat(sender.sent).containsExactly("a", "b", "c", "b", "c");
        assertThat(store.unsentIds()).isEmpty();
    }

    @Test
    void runsOneRoundAtATimeAndRunsAgainForAWakeThatCameDuringARound() {
        store.add("a");
        List<UniEmitter<? super Void>> pending = new ArrayList<>();
        sender.answer = m -> Uni.createFrom().emitter(pending::add);
        OutboxRelay relay = relay(10, Duration.ofSeconds(5));

        relay.wake();
        store.add("b");
        relay.wake();
        relay.wake();

        // The first round waits for the broker; the wakes did not start a second one.
        assertThat(relay.isRunning()).isTrue();
        assertThat(sender.sent).containsExactly("a");
        assertThat(store.readSizes).containsExactly(1);

        pending.get(0).complete(null);
        // The wakes during the round asked for one more round, which sends b.
        assertThat(sender.sent).containsExactly("a", "b");
        pending.get(1).complete(null);
        assertThat(store.unsentIds()).isEmpty();
        assertThat(relay.isRunning()).isFalse();
    }

    @Test
    void aMessageTheBrokerDoesNotAcceptInTimeStaysUnsent() {
        store.add("a");
        sender.answer = m -> Uni.createFrom().nothing();
        OutboxRelay relay = relay(10, Duration.ofMillis(50));

        relay.wake();
        waitUntilIdle(relay);

        assertThat(sender.sent).containsExactly("a");
        assertThat(store.unsentIds()).containsExactly("a");
    }

    private static void waitUntilIdle(OutboxRelay relay) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (relay.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(relay.isRunning()).isFalse();
    }
}
