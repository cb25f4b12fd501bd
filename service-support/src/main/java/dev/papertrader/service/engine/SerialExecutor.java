package dev.papertrader.service.engine;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one at a time, in the order they were submitted: a task starts only after the previous
 * task's {@link Uni} has completed. All the processing of a service goes through its one executor (messages from
 * every channel, REST commands, timers), so the engine objects of trading-core, which are single-threaded, need no
 * locks, and what a task sees is what the tasks before it left.
 *
 * <p>A task is queued when the returned {@code Uni} is subscribed (Mutiny is lazy); its result or failure is that
 * {@code Uni}'s. A task that throws, or returns null, fails its own {@code Uni} only: the next task runs. A task
 * whose subscriber cancelled before it started is skipped. Tasks run on the thread that completed the previous one
 * (or the submitting thread when the executor is idle), never two at once, with a happens-before edge from each
 * task to the next; a task must not block.
 */
@ApplicationScoped
public class SerialExecutor {

    private final Queue<Task<?>> queue = new ArrayDeque<>();
    private boolean running;

    /** Queues {@code task}; the result completes with the task's result, after every earlier task has completed. */
    public <T> Uni<T> submit(Supplier<Uni<T>> task) {
        return Uni.createFrom().emitter(emitter -> enqueue(new Task<>(task, emitter)));
    }

    /**
     * Queues {@code task} on the next turn of the caller's Vert.x event loop, so that the other messages of the read
     * being handled are delivered (and queued here) first, then behind every task already waiting; its failure is
     * logged with {@code what}. For a service that commits a burst of messages together: the first of the burst
     * queues the commit, the rest are handled before it.
     */
    public void submitOnNextTurn(Supplier<Uni<Void>> task, String what) {
        Runnable submit = () -> submit(task).subscribe().with(done -> { },
                failure -> Log.warnf(failure, "%s failed", what));
        Context context = Vertx.currentContext();
        if (context != null) {
            context.runOnContext(ignored -> submit.run());
        } else {
            submit.run();
        }
    }

    /** Number of tasks waiting (not counting the running one). */
    public synchronized int queued() {
        return queue.size();
    }

    private void enqueue(Task<?> task) {
        synchronized (this) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        drain();
    }

    private synchronized Task<?> next() {
        Task<?> task = queue.poll();
        if (task == null) {
            running = false;
        }
        return task;
    }

    /**
     * Runs queued tasks until one completes asynchronously (its completion resumes the drain) or the queue is empty.
     * Looping instead of recursing keeps the stack flat when tasks complete synchronously.
     */
    private void drain() {
        Task<?> task;
        while ((task = next()) != null) {
            // 0: started; 1: completed before start() returned; 2: start() returned first.
            AtomicInteger phase = new AtomicInteger();
            task.start(() -> {
                if (!phase.compareAndSet(0, 1)) {
                    drain();
                }
            });
            if (phase.compareAndSet(0, 2)) {
                return;
            }
        }
    }

    private static final class Task<T> {
        private final Supplier<Uni<T>> work;
        private final UniEmitter<? super T> emitter;

        private final AtomicBoolean terminated = new AtomicBoolean();

        Task(Supplier<Uni<T>> work, UniEmitter<? super T> emitter) {
            this.work = work;
            this.emitter = emitter;
            // Before the task starts, only a cancellation by the subscriber can terminate the emitter.
            emitter.onTermination(() -> terminated.set(true));
        }

        void start(Runnable whenDone) {
            if (terminated.get()) {
                whenDone.run();
                return;
            }
            Uni<T> result;
            try {
                result = work.get();
                if (result == null) {
                    throw new NullPointerException("the task returned null instead of a Uni");
                }
            } catch (RuntimeException e) {
                emitter.fail(e);
                whenDone.run();
                return;
            }
            result.subscribe().with(item -> {
                emitter.complete(item);
                whenDone.run();
            }, failure -> {
                emitter.fail(failure);
                whenDone.run();
            });
        }
    }
}
