package org.voxgate.app;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.store.CallTaskRepository;
import org.voxgate.store.StoreException;

/**
 * Writes the end of campaign attempts to the store, retrying while the store is down, so an
 * attempt's outcome (and the retry it schedules) is not lost to a store outage. Writes are
 * idempotent ({@link CallTaskRepository#complete} ends a task once), so a retry after a write
 * that did land changes nothing. Should the node die with writes pending, the tasks' leases run
 * out and another node ends them as {@code FAILED (node_lost)}.
 *
 * <p>Threading: {@link #complete} may be called from any thread; the writes run one at a time on
 * this object's own thread, which it owns and stops in {@link #close}.
 */
final class TaskCompleter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskCompleter.class);
    private static final long RETRY_MILLIS = 1000;

    private final CallTaskRepository tasks;
    private final Clock clock;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("campaign-tasks").factory());
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.Set<Long> pendingTasks = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TaskCompleter(CallTaskRepository tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * Ends task {@code taskId} held by {@code node}; {@code retryDue} (campaign clock) queues the
     * next attempt, null makes this the last. {@code after} runs once the write landed (or was
     * found already done).
     */
    void complete(long taskId, String node, CallTaskRepository.TaskEnd end, Instant retryDue, Runnable after) {
        pending.incrementAndGet();
        pendingTasks.add(taskId);
        writer.execute(() -> attempt(taskId, node, end, retryDue, after, 1));
    }

    private void attempt(long taskId, String node, CallTaskRepository.TaskEnd end, Instant retryDue, Runnable after,
            int tries) {
        try {
            boolean ended = tasks.complete(taskId, node, end, retryDue, clock.instant());
            pending.decrementAndGet();
            pendingTasks.remove(taskId);
            if (!ended) {
                LOG.warn("campaign task {} was already ended elsewhere (its lease ran out?); {} not recorded",
                        taskId, end.outcome());
            }
            after.run();
        } catch (StoreException e) {
            if (tries == 1 || tries % 30 == 0) {
                LOG.warn("campaign task {} could not be ended ({}); retrying every {} ms", taskId, e.getMessage(),
                        RETRY_MILLIS);
            }
            writer.schedule(() -> attempt(taskId, node, end, retryDue, after, tries + 1), RETRY_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            pendingTasks.remove(taskId);
            LOG.error("campaign task {} could not be ended", taskId, e);
        }
    }

    /** Writes waiting for the store. */
    int pending() {
        return pending.get();
    }

    /** Whether the end of this task is waiting to be written. */
    boolean isPending(long taskId) {
        return pendingTasks.contains(taskId);
    }

    /** Waits up to 5 s for pending writes, then stops the thread. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} campaign task write(s) still pending at shutdown; their leases will run out", pending());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
