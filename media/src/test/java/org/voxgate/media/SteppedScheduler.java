package org.voxgate.media;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded scheduler on a virtual nanosecond clock: tasks run only inside
 * {@link #runUntil}, in deadline order (submission order on ties), with {@link #nanoTime} set to
 * each task's deadline, and a hook runs after every task. Stands in for the pacer's event loop
 * so timing is exact and nothing sleeps.
 *
 * <p>Threading: one test thread; {@link #execute} from inside a task queues at the current time.
 */
final class SteppedScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private record Task(long due, long order, Runnable body) {}

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private final Runnable afterEach;
    private long now;
    private long order;

    SteppedScheduler(long startNanos, Runnable afterEach) {
        this.now = startNanos;
        this.afterEach = afterEach;
    }

    long nanoTime() {
        return now;
    }

    /** Runs every task due up to {@code endNanos}, then leaves the clock there. */
    void runUntil(long endNanos) {
        while (!tasks.isEmpty() && tasks.peek().due() <= endNanos) {
            Task t = tasks.poll();
            now = Math.max(now, t.due());
            t.body().run();
            afterEach.run();
        }
        now = Math.max(now, endNanos);
    }

    @Override
    public void execute(Runnable command) {
        tasks.add(new Task(now, order++, command));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        tasks.add(new Task(now + unit.toNanos(Math.max(0, delay)), order++, command));
        return new Done();
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
        tasks.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> left = new ArrayList<>();
        for (Task t : tasks) {
            left.add(t.body());
        }
        tasks.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    /** The handle returned for a scheduled task; the scheduler under test never cancels. */
    private static final class Done implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
