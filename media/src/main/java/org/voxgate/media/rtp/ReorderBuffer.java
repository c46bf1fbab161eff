package org.voxgate.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A small, sequence-number-ordered receive buffer for one RTP stream. In-order packets pass
 * straight through; when a sequence number is missing, later packets are held (at most
 * {@code depth} of them) so that a packet which was merely reordered can still be played in
 * order. When the buffer is full, or the owner calls {@link #skipGap()} because the hole has
 * waited long enough, the missing packet is given up as lost.
 *
 * <p>This buffer deliberately adds no latency while packets arrive in order: the voice
 * pipeline downstream is not a sound card and has no playout clock to smooth against.
 *
 * <p>Threading: not thread-safe; owned by one receive thread. Buffer ownership: {@link #offer}
 * copies the payload out of the caller's buffer; the array handed to the {@link Sink} belongs
 * to this buffer and is only valid during the callback.
 */
public final class ReorderBuffer {
    /**
     * Receives payloads in sequence-number order, on the thread that called {@link #offer} or
     * {@link #skipGap}; the array is the buffer's own and is valid only during the call.
     */
    @FunctionalInterface
    public interface Sink {
        void onPayload(byte[] payload, int offset, int length);
    }

    /** A forward jump larger than this is taken as a restarted stream, not as loss. */
    static final int MAX_DROPOUT = 3000;
    /** A backward jump larger than this is taken as a restarted stream, not as a late packet. */
    static final int MAX_MISORDER = 100;

    private final int depth;
    private final Sink sink;
    private final byte[][] slots;
    private final int[] slotLength;
    private final int[] slotSequence;
    private final boolean[] occupied;
    private int held;
    private boolean started;
    private int next;
    private long delivered;
    private long lost;
    private long late;
    private long duplicates;

    /**
     * @param depth how many packets may be held behind a hole; a power of two (4 is typical)
     * @param initialPayloadCapacity slot size in bytes; slots grow if a larger payload arrives
     */
    public ReorderBuffer(int depth, int initialPayloadCapacity, Sink sink) {
        // a power of two divides 65536, so slot = seq % depth stays unique across the wrap
        if (depth < 1 || Integer.bitCount(depth) != 1) {
            throw new IllegalArgumentException("depth must be a power of two: " + depth);
        }
        this.depth = depth;
        this.sink = sink;
        this.slots = new byte[depth][initialPayloadCapacity];
        this.slotLength = new int[depth];
        this.slotSequence = new int[depth];
        this.occupied = new boolean[depth];
    }

    /**
     * Accepts one packet's payload.
     *
     * @param sequenceNumber the packet's 16-bit RTP sequence number
     * @param src buffer holding the payload; read only, indices unchanged
     */
    public void offer(int sequenceNumber, ByteBuf src, int index, int length) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            started = true;
            next = seq;
        }
        int distance = (short) (seq - next);
        if (distance < -MAX_MISORDER || distance > MAX_DROPOUT) {
            flushHeld();
            next = seq;
            distance = 0;
        } else if (distance < 0) {
            late++;
            return;
        }
        while (distance >= depth) {
            releaseHead();
            distance = (short) (seq - next);
        }
        if (distance < 0) {
            // releasing the head played through to past this packet: it was already delivered
            duplicates++;
            return;
        }
        int slot = seq % depth;
        if (occupied[slot]) {
            // after the loop above the slot can only hold this very sequence number
            duplicates++;
            return;
        }
        if (slots[slot].length < length) {
            slots[slot] = new byte[length];
        }
        src.getBytes(index, slots[slot], 0, length);
        slotLength[slot] = length;
        slotSequence[slot] = seq;
        occupied[slot] = true;
        held++;
        drain();
    }

    /** True while packets wait behind a missing sequence number. */
    public boolean holding() {
        return held > 0;
    }

    /**
     * Gives up on the missing packet(s) at the head and plays what is held up to the next
     * hole. Called by the owner when a hole has waited longer than the reorder window.
     */
    public void skipGap() {
        while (held > 0 && !occupied[next % depth]) {
            lost++;
            next = (next + 1) & 0xFFFF;
        }
        drain();
    }

    /** Forgets all state, for example when the sender's SSRC changes. Held packets are played. */
    public void reset() {
        flushHeld();
        started = false;
    }

    public long delivered() { return delivered; }

    /** Sequence numbers skipped without ever being received. */
    public long lost() { return lost; }

    /** Packets that arrived after their sequence number had been played or skipped. */
    public long late() { return late; }

    /** Packets received twice while still held. */
    public long duplicates() { return duplicates; }

    private void flushHeld() {
        while (held > 0) {
            skipGapWithoutCounting();
        }
    }

    private void skipGapWithoutCounting() {
        while (!occupied[next % depth]) {
            next = (next + 1) & 0xFFFF;
        }
        drain();
    }

    /** Plays or gives up the head sequence number, making room for one more. */
    private void releaseHead() {
        int slot = next % depth;
        if (occupied[slot]) {
            deliver(slot);
        } else {
            lost++;
        }
        next = (next + 1) & 0xFFFF;
        drain();
    }

    private void drain() {
        int slot = next % depth;
        while (occupied[slot] && slotSequence[slot] == next) {
            deliver(slot);
            next = (next + 1) & 0xFFFF;
            slot = next % depth;
        }
    }

    private void deliver(int slot) {
        occupied[slot] = false;
        held--;
        delivered++;
        sink.onPayload(slots[slot], 0, slotLength[slot]);
    }
}
