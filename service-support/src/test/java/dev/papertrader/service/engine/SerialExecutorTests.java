package dev.papertrader.service.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SerialExecutorTests {

    private final SerialExecutor executor = new SerialExecutor();

    @Test
    void aTaskStartsOnlyAfterThePreviousTaskHasCompleted() {
        List<String> log = new ArrayList<>();
        AtomicReference<UniEmitter<? super String>> first = new AtomicReference<>();
        List<String> results = Collections.synchronizedList(new ArrayList<>());

        executor.submit(() -> {
            log.add("first started");
            return Uni.createFrom().<String>emitter(first::set);
        }).subscribe().with(results::add);
        executor.submit(() -> {
            log.add("second started");
            return Uni.createFrom().item("second");
        }).subscribe().with(results::add);

        assertThat(log).containsExactly("first started");
        assertThat(executor.queued()).isEqualTo(1);

        first.get().complete("first");

        assertThat(log).containsExactly("first started", "second started");
        assertThat(results).containsExactly("first", "second");
        assertThat(executor.queued()).isZero();
    }

    @Test
    void aFailingTaskFailsOnlyItself() {
        List<String> outcomes = new ArrayList<>();
        executor.submit(() -> {
            throw new IllegalStateException("thrown");
        }).subscribe().with(item -> outcomes.add("item"), e -> outcomes.add(e.getMessage()));
        executor.<String>submit(() -> null)
                .subscribe().with(item -> outcomes.add("item"), e -> outcomes.add(e.getClass().getSimpleName()));
        executor.submit(() -> Uni.createFrom().failure(new IllegalArgumentException("failed")))
                .subscribe().with(item -> outcomes.add("item"), e -> outcomes.add(e.getMessage()));
        executor.submit(() -> Uni.createFrom().item("after"))
                .subscribe().with(outcomes::add);

        assertThat(outcomes).containsExactly("thrown", "NullPointerException", "failed", "after");
    }

    @Test
    void manyTasksThatCompleteAtOnceDoNotGrowTheStack() {
        int tasks = 200_000;
        AtomicReference<UniEmitter<? super Integer>> gate = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        executor.submit(() -> Uni.createFrom().<Integer>emitter(gate::set)).subscribe().with(x -> done.incrementAndGet());
        for (int i = 0; i < tasks; i++) {
            int value = i;
            executor.submit(() -> Uni.createFrom().item(value)).subscribe().with(x -> done.incrementAndGet());
        }
        // Completing the gate runs all queued tasks from this one call; recursion would overflow the stack.
        gate.get().complete(-1);

        assertThat(done.get()).isEqualTo(tasks + 1);
    }

    @Test
    void tasksFromManyThreadsNeverOverlapAndKeepEachThreadsOrder() throws InterruptedException {
        int threads = 4;
        int perThread = 2_000;
        AtomicInteger active = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(threads * perThread);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ExecutorService completions = Executors.newFixedThreadPool(2);
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int index = i;
                        executor.submit(() -> {
                            if (active.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            ran.add(thread + ":" + index);
                            // Complete on another thread half of the time, as database callbacks do.
                            Uni<Integer> result = index % 2 == 0 ? Uni.createFrom().item(index)
                                    : Uni.createFrom().item(index).emitOn(completions);
                            return result.invoke(() -> active.decrementAndGet());
                        }).subscribe().with(x -> finished.countDown());
                    }
                });
            }
            assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
            completions.shutdownNow();
        }
        assertThat(overlaps.get()).isZero();
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<Integer> order = ran.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
            assertThat(order).isSorted().hasSize(perThread);
        }
    }

    @Test
    void aTaskCancelledBeforeItStartsIsSkipped() {
        AtomicReference<UniEmitter<? super String>> first = new AtomicReference<>();
        List<String> started = new ArrayList<>();
        executor.submit(() -> Uni.createFrom().<String>emitter(first::set)).subscribe().with(x -> { });
        Cancellable cancelled = executor.submit(() -> {
            started.add("cancelled one");
            return Uni.createFrom().item("x");
        }).subscribe().with(x -> { });
        executor.submit(() -> {
            started.add("next");
            return Uni.createFrom().item("y");
        }).subscribe().with(x -> { });

        cancelled.cancel();
        first.get().complete("first");

        assertThat(started).containsExactly("next");
    }

    @Test
    void theResultIsTheTasksResult() {
        String result = executor.submit(() -> Uni.createFrom().item("value").onItem().delayIt().by(Duration.ofMillis(5)))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(result).isEqualTo("value");
    }
}
