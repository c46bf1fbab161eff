package org.voxgate.sip.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A location store in a map, for tests of the service above it; can be made to fail. */
public final class MemoryLocationStore implements LocationStore {
    public final Map<String, Binding> rows = new ConcurrentHashMap<>();
    public volatile boolean failing;

    private static String key(String aor, String contact) {
        return aor + " " + contact;
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("store down");
        }
    }

    @Override public List<Binding> loadAll() { check(); return new ArrayList<>(rows.values()); }

    @Override public void save(Binding b) { check(); rows.put(key(b.aor(), b.contact()), b); }

    @Override public void remove(String aor, String contact) { check(); rows.remove(key(aor, contact)); }

    @Override public void removeExpired(Instant now) { check(); rows.values().removeIf(b -> !b.expiresAt().isAfter(now)); }
}
