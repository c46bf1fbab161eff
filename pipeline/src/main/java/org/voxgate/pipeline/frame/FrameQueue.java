package org.voxgate.pipeline.frame;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A call's frame queue: bounded for data frames, with urgent frames overtaking them.
 *
 * <p>{@link #poll()} returns the oldest urgent frame if any, else the oldest data frame.
 * {@link #interrupt()} drops every queued {@link Frame.ReplyFrame} (the reply being cut off) and
 * keeps urgent frames and caller frames, counting what it dropped. Data frames beyond the
 * capacity are refused (the producer counts and logs); urgent frames are never refused, since
 * they are few (one per interruption or end).
 *
 * <p>Threading: thread-safe; many producers (media, provider and tool threads), one consumer.
 * Nothing blocks: the consumer is scheduled by whoever offers (see {@link FrameLoop}).
 */
public final class FrameQueue {
    private final int capacity;
    private final ArrayDeque<Frame.Urgent> urgent = new ArrayDeque<>();
    private final ArrayDeque<Frame.Data> data;
    private long flushed;
    private long refused;

    /** @param capacity the most data frames held at once (positive) */
    public FrameQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.data = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Queues a frame; returns false (and counts it) when a data frame finds the queue full. */
    public synchronized boolean offer(Frame frame) {
        switch (frame) {
            case Frame.Urgent u -> urgent.add(u);
            case Frame.Data d -> {
                if (data.size() >= capacity) {
                    refused++;
                    return false;
                }
                data.add(d);
            }
        }
        return true;
    }

    /** The next frame (urgent first), or {@code null} when empty. */
    public synchronized Frame poll() {
        Frame.Urgent u = urgent.poll();
        return u != null ? u : data.poll();
    }

    /** Drops the queued reply frames; returns how many. Urgent and caller frames stay. */
    public synchronized int interrupt() {
        int n = 0;
        for (Iterator<Frame.Data> it = data.iterator(); it.hasNext(); ) {
            if (it.next() instanceof Frame.ReplyFrame) {
                it.remove();
                n++;
            }
        }
        flushed += n;
        return n;
    }

    public synchronized boolean isEmpty() {
        return urgent.isEmpty() && data.isEmpty();
    }

    public synchronized int size() {
        return urgent.size() + data.size();
    }

    /** Reply frames dropped by interruptions so far. */
    public synchronized long flushedCount() {
        return flushed;
    }

    /** Data frames refused because the queue was full. */
    public synchronized long refusedCount() {
        return refused;
    }
}
