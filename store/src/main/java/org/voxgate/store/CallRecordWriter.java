package org.voxgate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, asynchronous write path for call records (with their analysis: outcome, cost,
 * per-turn figures), turns, call events, tool calls and reviews: a store outage delays them but never loses
 * them.
 *
 * <p><b>Threading.</b> {@link #callUpdated} and {@link #turnAdded} may be called from any
 * thread; they only append to an in-memory queue under a briefly held lock, never block on
 * I/O and never throw for store failures. One virtual thread, owned by this writer, applies
 * the queue strictly in order (so a call's row is written before its turns), retrying with
 * exponential back-off while the store fails. Writes that fail permanently (data or integrity
 * errors such as a turn of an unknown call) are logged and dropped so they cannot block the
 * queue.
 *
 * <p><b>Durability.</b> While the store fails, every queued write is also appended to a JSON
 * lines journal in the journal directory, forced to disk, so a crash or shutdown during an
 * outage loses nothing; writes queued during the outage are journaled as they arrive. The
 * journal is deleted once everything in it has been written. A journal left by a previous run
 * is replayed, before anything new, when the writer is constructed. All writes are
 * idempotent, so replaying a write that had already landed creates no duplicate.
 *
 * <p><b>Ownership.</b> The writer owns its thread and journal file, not the repository.
 * {@link #close()} waits a bounded time for the queue to drain, then journals what is left.
 * Writes offered after close go straight to the journal. Use one writer per journal directory
 * at a time. The queue is unbounded: during a long outage memory grows with the number of
 * pending writes (the journal holds them too, but is not used to evict them from memory).
 */
public final class CallRecordWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallRecordWriter.class);

    private static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    private static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    // Long enough for a statement in flight to finish or hit the pool's connection timeout.
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final CallRepository repository;
    private final WriteJournal journal;
    private final Clock clock;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final Duration closeTimeout;
    private final Thread drainer;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a write is queued or the writer is stopping. */
    private final Condition queued = lock.newCondition();
    /** Signalled when the queue becomes empty or the writer closes. */
    private final Condition drained = lock.newCondition();
    // The queue in order: the writes already in the journal file, then those not (yet) in it.
    private final ArrayDeque<PendingWrite> journaled = new ArrayDeque<>();
    private final ArrayDeque<PendingWrite> unjournaled = new ArrayDeque<>();
    private boolean journalExists;
    private Instant failingSince;
    private boolean closing;
    private boolean stopping;
    private boolean closed;

    /**
     * Starts a writer with back-off from 100 ms doubling to 5 s and a 5 s flush on close,
     * replaying any journal a previous run left in {@code journalDir}.
     *
     * @param repository where writes go; not owned, must outlive this writer
     * @param journalDir directory for the journal file, created if missing
     * @param clock      time source for outage bookkeeping in logs
     * @throws UncheckedIOException when the journal directory cannot be created or read
     */
    public CallRecordWriter(CallRepository repository, Path journalDir, Clock clock) {
        this(repository, journalDir, clock, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_CLOSE_TIMEOUT);
    }

    CallRecordWriter(CallRepository repository, Path journalDir, Clock clock,
                     Duration initialBackoff, Duration maxBackoff, Duration closeTimeout) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("back-off must be positive and its cap at least"
                    + " the initial value (was " + initialBackoff + " / " + maxBackoff + ")");
        }
        this.initialBackoffNanos = initialBackoff.toNanos();
        this.maxBackoffNanos = maxBackoff.toNanos();
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.journal = new WriteJournal(journalDir);
        try {
            Files.createDirectories(journalDir);
            List<PendingWrite> replay = journal.load();
            if (replay.isEmpty()) {
                journal.delete();
            } else {
                log.info("Replaying {} write(s) journaled during an earlier store outage from {}",
                        replay.size(), journal.file());
                journaled.addAll(replay);
                journalExists = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the write journal in " + journalDir, e);
        }
        this.drainer = Thread.ofVirtual().name("voxgate-call-writer").start(this::drain);
    }

    /** Queues an insert-or-replace of the call row (its turns are ignored). */
    public void callUpdated(CallRecord record) {
        enqueue(new PendingWrite.UpsertCall(record));
    }

    /** Queues a turn; it is written after every write queued before it. */
    public void turnAdded(String callId, TurnRecord turn) {
        enqueue(new PendingWrite.AddTurn(callId, turn));
    }

    /** Queues an event of the call's event log; it is written after every write queued before it. */
    public void eventAdded(String callId, CallEvent event) {
        enqueue(new PendingWrite.AddEvent(callId, event));
    }

    /**
     * Queues a tool call of the call; it is written after every write queued before it (so
     * after the call row), and survives a store outage like turns do.
     */
    public void toolCallAdded(String callId, ToolCallRecord toolCall) {
        enqueue(new PendingWrite.AddToolCall(callId, toolCall));
    }

    /**
     * Queues the post-call review of a call; it is written after every write queued before it
     * (so after the call row), and is lost only if that row never exists.
     */
    public void reviewAdded(String callId, CallReview review) {
        enqueue(new PendingWrite.SaveReview(callId, review));
    }

    /** Writes queued and not yet written to the store (after close: those left in the journal). */
    public int pending() {
        lock.lock();
        try {
            return journaled.size() + unjournaled.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every write queued so far has reached the store.
     *
     * @return {@code true} when the queue drained, {@code false} on timeout, interruption or
     *         when the writer was closed with writes left
     */
    public boolean flush(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!journaled.isEmpty() || !unjournaled.isEmpty()) {
                if (closed || remaining <= 0) {
                    return false;
                }
                remaining = drained.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Flushes for up to the close timeout, stops the writer thread and journals whatever is
     * still pending so the next writer replays it. Idempotent.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
        } finally {
            lock.unlock();
        }
        flush(closeTimeout);
        lock.lock();
        try {
            stopping = true;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (!drainer.join(STOP_TIMEOUT)) {
                log.warn("Call record writer thread did not stop within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PendingWrite> rest;
        lock.lock();
        try {
            closed = true;
            rest = List.copyOf(unjournaled);
            journaled.addAll(unjournaled);
            unjournaled.clear();
            drained.signalAll();
        } finally {
            lock.unlock();
        }
        persistOrLog(rest);
        int left = pending();
        if (left > 0) {
            log.warn("Closed with {} call write(s) not in the store; they are kept in {} for the"
                    + " next start", left, journal.file());
        }
    }

    private void enqueue(PendingWrite write) {
        lock.lock();
        try {
            if (!closed) {
                unjournaled.addLast(write);
                queued.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        persistOrLog(List.of(write));
    }

    private void drain() {
        long backoff = initialBackoffNanos;
        PendingWrite next;
        while ((next = awaitNext()) != null) {
            try {
                next.applyTo(repository);
                backoff = initialBackoffNanos;
                written();
            } catch (StoreException e) {
                if (e.isPermanent()) {
                    log.error("Dropping {} which the store rejects permanently", next, e);
                    written();
                } else {
                    backoff = failed(e, backoff);
                }
            } catch (RuntimeException e) {
                backoff = failed(e, backoff);
            }
        }
    }

    /** Journals the queue, waits out the back-off and returns the next, longer back-off. */
    private long failed(RuntimeException e, long backoff) {
        lock.lock();
        try {
            if (failingSince == null) {
                failingSince = clock.instant();
                log.warn("Store write failed; retrying and journaling pending call writes: {}",
                        e.toString());
            } else {
                log.debug("Store write failed again", e);
            }
        } finally {
            lock.unlock();
        }
        waitJournaling(backoff);
        return Math.min(backoff * 2, maxBackoffNanos);
    }

    /** Sleeps for the back-off, journaling writes that arrive meanwhile without delay. */
    private void waitJournaling(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            boolean journalUpToDate = journalUnjournaled();
            lock.lock();
            try {
                long remaining = deadline - System.nanoTime();
                if (stopping || remaining <= 0) {
                    return;
                }
                if (!journalUpToDate || unjournaled.isEmpty()) {
                    queued.awaitNanos(remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Appends the unjournaled writes to the journal; false when that failed. */
    private boolean journalUnjournaled() {
        List<PendingWrite> batch;
        lock.lock();
        try {
            batch = List.copyOf(unjournaled);
        } finally {
            lock.unlock();
        }
        if (batch.isEmpty()) {
            return true;
        }
        try {
            // Outside the lock: forcing the file to disk must not hold up callers.
            journal.append(batch);
        } catch (IOException e) {
            log.error("Cannot journal {} pending call write(s) to {}", batch.size(),
                    journal.file(), e);
            return false;
        }
        lock.lock();
        try {
            journalExists = true;
            // Only this thread removes writes before close, so the batch is still the head of
            // the unjournaled part; after close, close() has journaled it itself.
            if (!closed) {
                for (int i = 0; i < batch.size(); i++) {
                    journaled.addLast(unjournaled.removeFirst());
                }
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    private PendingWrite awaitNext() {
        lock.lock();
        try {
            while (!stopping && journaled.isEmpty() && unjournaled.isEmpty()) {
                queued.await();
            }
            if (stopping) {
                return null;
            }
            return journaled.isEmpty() ? unjournaled.peekFirst() : journaled.peekFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the head write, which has been applied, and forgets the journal once empty. */
    private void written() {
        lock.lock();
        try {
            if (closed) {
                return; // close() journaled the queue including this write; replay is harmless
            }
            if (journaled.isEmpty()) {
                unjournaled.removeFirst();
            } else {
                journaled.removeFirst();
            }
            if (failingSince != null) {
                log.info("Store writes succeed again after {}",
                        Duration.between(failingSince, clock.instant()));
                failingSince = null;
            }
            if (journaled.isEmpty() && journalExists) {
                // Under the lock so that close() cannot journal between this check and the delete.
                deleteJournal();
            }
            if (unjournaled.isEmpty() && journaled.isEmpty()) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void deleteJournal() {
        try {
            journal.delete();
            journalExists = false;
        } catch (IOException e) {
            log.error("Cannot delete the written journal {}; it will be replayed (harmlessly)"
                    + " at the next start", journal.file(), e);
        }
    }

    private void persistOrLog(List<PendingWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            journal.append(writes);
        } catch (IOException e) {
            log.error("LOST {} call write(s) that could not be journaled: {}", writes.size(),
                    writes, e);
        }
    }
}
