package org.voxgate.media;

/**
 * Hands out RTP/RTCP port pairs (even RTP port, RTCP on the next) from the configured range.
 * It only books numbers; the engine binds the sockets and gives a pair back if the bind fails.
 * Allocation rotates through the range rather than reusing the lowest free pair, so a port
 * just released is not handed to the next call while the previous caller's stray packets may
 * still be arriving.
 *
 * <p>Threading: thread-safe (all methods synchronise on this allocator).
 */
final class PortAllocator {
    private final int firstPort;
    private final boolean[] reserved;
    private int cursor;
    private int reservedCount;

    PortAllocator(int portMin, int portMax) {
        int first = (portMin + 1) & ~1;
        int pairs = first + 1 <= portMax ? (portMax - first - 1) / 2 + 1 : 0;
        if (pairs <= 0) {
            throw new IllegalArgumentException(
                    "rtp port range " + portMin + "-" + portMax + " holds no even/odd port pair");
        }
        this.firstPort = first;
        this.reserved = new boolean[pairs];
    }

    /** Books the next free pair and returns its RTP port, or -1 when every pair is booked. */
    synchronized int reserve() {
        for (int i = 0; i < reserved.length; i++) {
            int pair = (cursor + i) % reserved.length;
            if (!reserved[pair]) {
                reserved[pair] = true;
                reservedCount++;
                cursor = (pair + 1) % reserved.length;
                return firstPort + 2 * pair;
            }
        }
        return -1;
    }

    /** Returns a pair booked by {@link #reserve}; releasing a pair that is not booked is ignored. */
    synchronized void release(int rtpPort) {
        int pair = (rtpPort - firstPort) / 2;
        if (pair >= 0 && pair < reserved.length && reserved[pair] && (rtpPort - firstPort) % 2 == 0) {
            reserved[pair] = false;
            reservedCount--;
        }
    }

    /** Pairs booked now. */
    synchronized int reservedPairs() {
        return reservedCount;
    }

    /** Pairs in the range. */
    int pairCount() {
        return reserved.length;
    }
}
