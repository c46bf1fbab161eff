package org.voxgate.sip.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replay protection: remembers the highest nonce-count seen for each nonce in use and
 * refuses a count that is not higher (RFC 7616 3.4.1: nc must increase).
 *
 * <p>Memory is bounded: entries leave when their nonce expires (an expired nonce is refused
 * as stale anyway) or, beyond {@code capacity}, oldest first. A nonce pushed out for space
 * must never be accepted again, so we remember the latest issue time among those pushed out
 * (the watermark) and refuse, as unknown, any untracked nonce issued at or before it: the
 * client then gets a fresh nonce, never a replay.
 *
 * <p>Thread-safe: every method is synchronized (each call is a map lookup; contention is
 * negligible next to a SIP transaction).
 */
final class NonceCounter {
    private record Entry(Instant issuedAt, long highestCount) {}

    private final int capacity;
    private final LinkedHashMap<String, Entry> seen = new LinkedHashMap<>();
    private Instant watermark = Instant.MIN;

    NonceCounter(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * Accepts {@code count} for {@code nonce} if it is higher than every count seen for it,
     * and remembers it.
     *
     * @param expiredBefore nonces issued before this instant are past their lifetime
     * @return false for a replayed or lower count, or an untracked nonce we may have forgotten
     */
    synchronized boolean accept(String nonce, Instant issuedAt, long count, Instant expiredBefore) {
        purgeExpired(expiredBefore);
        Entry entry = seen.get(nonce);
        if (entry == null) {
            if (!issuedAt.isAfter(watermark)) {
                return false;
            }
            seen.put(nonce, new Entry(issuedAt, count));
            evictBeyondCapacity();
            return true;
        }
        if (count <= entry.highestCount()) {
            return false;
        }
        seen.put(nonce, new Entry(entry.issuedAt(), count));
        return true;
    }

    synchronized int size() {
        return seen.size();
    }

    private void purgeExpired(Instant expiredBefore) {
        // Insertion order is first-use order, which follows issue order closely but not
        // exactly; scanning stops at the first live entry, and a stray older one still
        // leaves by capacity.
        Iterator<Map.Entry<String, Entry>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (!e.issuedAt().isBefore(expiredBefore)) {
                break;
            }
            it.remove();
        }
    }

    private void evictBeyondCapacity() {
        Iterator<Map.Entry<String, Entry>> it = seen.entrySet().iterator();
        while (seen.size() > capacity && it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.issuedAt().isAfter(watermark)) {
                watermark = e.issuedAt();
            }
            it.remove();
        }
    }
}
