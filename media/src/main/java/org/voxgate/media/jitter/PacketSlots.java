package org.voxgate.media.jitter;

/**
 * The jitter buffer's packet storage: a fixed ring of {@value #SLOTS} slots indexed by RTP
 * sequence number, each holding one payload (copied in), its extended timestamp, duration,
 * arrival time and whether it is comfort noise. Playout order is by timestamp, found by a
 * scan of the occupied slots (at most {@value #SLOTS}, and only when something is held).
 *
 * <p>Threading: not thread-safe; owned by the jitter buffer's thread. Payload arrays are
 * allocated at construction and replaced only by a longer payload than any before.
 */
final class PacketSlots {
    /** A power of two: the slot is the sequence number modulo it, unique across the 16-bit wrap. */
    static final int SLOTS = 64;

    final byte[][] data = new byte[SLOTS][];
    final int[] length = new int[SLOTS];
    final long[] ts = new long[SLOTS];
    final int[] duration = new int[SLOTS];
    final int[] sequence = new int[SLOTS];
    final long[] arrival = new long[SLOTS];
    final boolean[] used = new boolean[SLOTS];
    final boolean[] comfortNoise = new boolean[SLOTS];
    private int held;

    PacketSlots(int initialPayloadCapacity) {
        for (int i = 0; i < SLOTS; i++) {
            data[i] = new byte[initialPayloadCapacity];
        }
    }

    static int slotOf(int seq) {
        return seq & (SLOTS - 1);
    }

    /** True when the slot of {@code seq} holds exactly that packet. */
    boolean holds(int seq) {
        int slot = slotOf(seq);
        return used[slot] && sequence[slot] == seq;
    }

    void occupy(int slot, int seq, long extTs, int units, long arrivedNanos, boolean cn) {
        used[slot] = true;
        held++;
        sequence[slot] = seq;
        ts[slot] = extTs;
        duration[slot] = units;
        arrival[slot] = arrivedNanos;
        comfortNoise[slot] = cn;
    }

    /** Makes sure the slot's array takes {@code len} bytes (a one-off when packets grow). */
    byte[] room(int slot, int len) {
        if (data[slot].length < len) {
            data[slot] = new byte[len];
        }
        return data[slot];
    }

    /** The held packet with the earliest timestamp, or -1 when none is held. */
    int head() {
        if (held == 0) {
            return -1;
        }
        int best = -1;
        for (int i = 0; i < SLOTS; i++) {
            if (used[i] && (best < 0 || ts[i] < ts[best])) {
                best = i;
            }
        }
        return best;
    }

    void free(int slot) {
        used[slot] = false;
        held--;
    }

    /** Empties every slot; returns how many packets were thrown away. */
    int freeAll() {
        int freed = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (used[i]) {
                used[i] = false;
                freed++;
            }
        }
        held = 0;
        return freed;
    }
}
