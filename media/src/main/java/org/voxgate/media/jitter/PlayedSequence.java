package org.voxgate.media.jitter;

/**
 * Which sequence numbers playout has passed: the newest, a 64-bit mask of the ones before it
 * that were played (to tell a duplicate from a late packet), and how many were skipped
 * without ever being played (lost).
 *
 * <p>Threading: not thread-safe; owned by the jitter buffer's thread.
 */
final class PlayedSequence {
    /** A forward step larger than this is a restarted numbering, not loss. */
    private static final int MAX_DROPOUT = 1000;

    private boolean started;
    private int last;
    private long mask;
    private long lost;

    /** Records that {@code seq} was played (or deliberately dropped). */
    void played(int seq) {
        if (!started) {
            started = true;
            last = seq;
            mask = 1L;
            return;
        }
        int ahead = (seq - last) & 0xFFFF;
        if (ahead == 0 || ahead >= 0x8000) {
            int back = (last - seq) & 0xFFFF;
            if (back < 64) {
                mask |= 1L << back;
            }
            return;
        }
        if (ahead < MAX_DROPOUT) {
            lost += ahead - 1;
        }
        mask = ahead >= 64 ? 1L : (mask << ahead) | 1L;
        last = seq;
    }

    /** True when {@code seq} is among the last 64 sequence numbers and was played. */
    boolean wasPlayed(int seq) {
        if (!started) {
            return false;
        }
        int back = (last - seq) & 0xFFFF;
        return back < 64 && (mask & (1L << back)) != 0;
    }

    /** A new stream: numbering starts again. Loss counted so far is kept. */
    void restart() {
        started = false;
    }

    long lost() {
        return lost;
    }
}
