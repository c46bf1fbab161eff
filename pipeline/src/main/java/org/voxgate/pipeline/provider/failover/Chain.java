package org.voxgate.pipeline.provider.failover;

import java.util.List;

/**
 * An ordered, non-empty list of providers with the index of the one that served last (for the
 * vendor and model names usage is reported under).
 *
 * <p>Threading: thread-safe (immutable list, volatile index).
 */
final class Chain<P> {
    final List<P> members;
    private volatile int lastServed;

    Chain(List<P> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a failover chain needs at least one provider");
        }
        this.members = List.copyOf(members);
    }

    P get(int i) {
        return members.get(i);
    }

    int size() {
        return members.size();
    }

    void served(int i) {
        lastServed = i;
    }

    P last() {
        return members.get(lastServed);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the member already failed; its close cannot matter
        }
    }
}
