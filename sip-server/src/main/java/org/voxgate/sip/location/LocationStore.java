package org.voxgate.sip.location;

import java.time.Instant;
import java.util.List;

/**
 * SPI: durable storage for bindings, so a restart keeps them. Implemented by the application
 * on its store; {@link LocationService} keeps the live view in memory and writes through.
 *
 * <p>Threading: called from SIP worker (virtual) threads and the purge timer; may block on
 * I/O. Failures are reported as runtime exceptions; the location service logs them and
 * keeps serving from memory.
 */
public interface LocationStore {
    /** Every stored binding (the caller drops the expired ones). */
    List<Binding> loadAll();

    /** Inserts or replaces the binding with the same aor and contact. */
    void save(Binding binding);

    /** Removes one binding; nothing happens when it does not exist. */
    void remove(String aor, String contact);

    /** Removes every binding whose expiry is at or before {@code now}. */
    void removeExpired(Instant now);
}
