package org.voxgate.pipeline.frame;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one consumer over a {@link FrameQueue} as a mailbox: whoever offers a frame schedules a
 * drain on the executor if none is scheduled, and the drain handles frames one at a time until
 * the queue is empty. So the consumer always runs on one thread at a time (no locks in it), no
 * thread is parked per call while idle, and a test can pass an executor it runs by hand.
 *
 * <p>Threading: {@link #offer} from any thread, never blocks. The handler is never run
 * concurrently with itself; successive drains may use different (virtual) threads, with
 * happens-before between them through the scheduling flag.
 */
public final class FrameLoop {
    private static final Logger LOG = LoggerFactory.getLogger(FrameLoop.class);
    private final FrameQueue queue;
    private final Executor executor;
    private final Consumer<Frame> handler;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    public FrameLoop(FrameQueue queue, Executor executor, Consumer<Frame> handler) {
        this.queue = queue;
        this.executor = executor;
        this.handler = handler;
    }

    /** Queues a frame and makes sure a drain will see it; false when a data frame was refused. */
    public boolean offer(Frame frame) {
        if (closed) {
            return false;
        }
        boolean accepted = queue.offer(frame);
        schedule();
        return accepted;
    }

    public FrameQueue queue() {
        return queue;
    }

    /** Stops handling frames; queued ones are dropped. */
    public void close() {
        closed = true;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Frame f;
            while (!closed && (f = queue.poll()) != null) {
                try {
                    handler.accept(f);
                } catch (RuntimeException e) {
                    // one bad frame must not stop the call's engine
                    LOG.warn("frame handler failed on {}", f.getClass().getSimpleName(), e);
                }
            }
        } finally {
            scheduled.set(false);
        }
        // a frame offered after the last poll but before the flag was cleared found it set
        if (!closed && !queue.isEmpty()) {
            schedule();
        }
    }
}
