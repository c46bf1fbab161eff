package org.voxgate.media;

/**
 * The outbound audio waiting to be paced onto the wire: a ring of 16-bit samples that grows
 * (doubling) up to a cap and then drops what does not fit, so a runaway producer cannot take
 * unbounded memory. Steady-state offer/poll allocate nothing.
 *
 * <p>Threading: thread-safe; producers call {@link #offer} from any thread while the pacer
 * polls. Buffer ownership: {@link #offer} copies out of the caller's array and
 * {@link #poll} copies into the caller's array; neither keeps a reference.
 */
final class PlaybackQueue {
    private final int maxSamples;
    private short[] ring;
    private int head;
    private int size;

    PlaybackQueue(int initialSamples, int maxSamples) {
        this.maxSamples = maxSamples;
        this.ring = new short[Math.min(initialSamples, maxSamples)];
    }

    /** Appends samples; returns how many fitted (fewer than {@code length} once the cap is hit). */
    synchronized int offer(short[] pcm, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > pcm.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length
                    + " outside array of " + pcm.length);
        }
        int accepted = Math.min(length, maxSamples - size);
        if (size + accepted > ring.length) {
            grow(size + accepted);
        }
        int tail = (head + size) % ring.length;
        int first = Math.min(accepted, ring.length - tail);
        System.arraycopy(pcm, offset, ring, tail, first);
        System.arraycopy(pcm, offset + first, ring, 0, accepted - first);
        size += accepted;
        return accepted;
    }

    /** Moves up to {@code count} samples into {@code dst}; returns how many were moved. */
    synchronized int poll(short[] dst, int count) {
        int n = Math.min(count, size);
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, dst, 0, first);
        System.arraycopy(ring, 0, dst, first, n - first);
        head = (head + n) % ring.length;
        size -= n;
        return n;
    }

    synchronized void clear() {
        head = 0;
        size = 0;
    }

    synchronized int size() {
        return size;
    }

    private void grow(int needed) {
        int capacity = Math.max(ring.length, 1);
        while (capacity < needed) {
            capacity = Math.min(capacity * 2, maxSamples);
        }
        short[] bigger = new short[capacity];
        int first = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, size - first);
        ring = bigger;
        head = 0;
    }
}
