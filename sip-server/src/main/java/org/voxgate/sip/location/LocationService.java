package org.voxgate.sip.location;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The location service (RFC 3261 10.3): every address of record's live bindings, held in
 * memory for fast lookups and written through to a {@link LocationStore} so a restart keeps
 * them. Expired bindings stop being returned at once and are purged by {@link #purgeExpired}.
 *
 * <p>Lookups are lock-free reads of immutable lists; changes to one AOR are serialised by a
 * striped lock, so REGISTERs for different users proceed in parallel. A store failure is
 * logged and the change is kept in memory (the phone's next refresh writes it again).
 *
 * <p>Thread-safe. Does not own the store.
 */
public final class LocationService {
    private static final Logger LOG = LoggerFactory.getLogger(LocationService.class);
    private static final int STRIPES = 64;
    /** Most preferred first, then most recently refreshed: the order forking tries them in. */
    private static final Comparator<Binding> PREFERENCE = Comparator.comparingDouble((Binding b) -> -b.q())
            .thenComparing(Binding::updatedAt, Comparator.reverseOrder()).thenComparing(Binding::contact);

    private final LocationStore store;
    private final String domain;
    private final int maxContactsPerAor;
    private final Clock clock;
    private final ConcurrentHashMap<String, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /**
     * @param store where bindings are persisted
     * @param domain the domain of our AORs ({@code sip:user@domain}), normally the realm
     * @param maxContactsPerAor how many contacts one AOR may hold
     * @param clock the time source for expiry
     */
    public LocationService(LocationStore store, String domain, int maxContactsPerAor, Clock clock) {
        if (maxContactsPerAor < 1) {
            throw new IllegalArgumentException("maxContactsPerAor must be positive");
        }
        this.store = store;
        this.domain = domain;
        this.maxContactsPerAor = maxContactsPerAor;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The AOR of a SIP user: {@code sip:username@domain}. */
    public String aorOf(String username) {
        return "sip:" + username + "@" + domain;
    }

    /** Loads the live bindings from the store (once, at start). Returns how many. */
    public int restore() {
        Instant now = clock.instant();
        Map<String, List<Binding>> loaded = new TreeMap<>();
        for (Binding b : store.loadAll()) {
            if (b.isLive(now)) {
                loaded.computeIfAbsent(b.aor(), k -> new ArrayList<>()).add(b);
            }
        }
        loaded.forEach((aor, list) -> byAor.put(aor, sorted(list)));
        return loaded.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The live bindings of {@code aor}, most preferred first (q descending, then most recently
     * refreshed). Empty when the AOR is not registered. Each binding's {@link Binding#target()}
     * and {@link Binding#transport()} say where to send a request for its contact.
     */
    public List<Binding> lookup(String aor) {
        List<Binding> list = byAor.get(aor);
        if (list == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return list.stream().filter(b -> b.isLive(now)).toList();
    }

    /** {@link #lookup} for a SIP user's username. */
    public List<Binding> lookupUser(String username) {
        return lookup(aorOf(username));
    }

    /** Every AOR with live bindings, sorted by AOR. */
    public Map<String, List<Binding>> liveBindings() {
        Map<String, List<Binding>> out = new TreeMap<>();
        for (String aor : byAor.keySet()) {
            List<Binding> live = lookup(aor);
            if (!live.isEmpty()) {
                out.put(aor, live);
            }
        }
        return out;
    }

    /** Live bindings whose phone sits behind NAT (see {@link Binding#behindNat()}). */
    public List<Binding> natedBindings() {
        Instant now = clock.instant();
        List<Binding> out = new ArrayList<>();
        byAor.values().forEach(list -> list.stream().filter(b -> b.isLive(now) && b.behindNat()).forEach(out::add));
        return out;
    }

    /**
     * Applies an authenticated REGISTER to its AOR atomically: all of its contacts or none
     * (RFC 3261 10.3 steps 6 and 7).
     */
    public RegisterOutcome apply(BindingRequest request) {
        ReentrantLock lock = lockFor(request.aor());
        lock.lock();
        try {
            Instant now = clock.instant();
            Map<String, Binding> current = new LinkedHashMap<>();
            for (Binding b : byAor.getOrDefault(request.aor(), List.of())) {
                if (b.isLive(now)) {
                    current.put(b.contact(), b);
                }
            }
            // Step 6: a binding made by this same Call-ID may only be changed by a later CSeq.
            List<String> touched = request.removeAll() ? List.copyOf(current.keySet())
                    : request.contacts().stream().map(ContactUpdate::contact).toList();
            for (String contact : touched) {
                Binding existing = current.get(contact);
                if (existing != null && existing.callId().equals(request.callId()) && request.cseq() <= existing.cseq()) {
                    return new RegisterOutcome.OutOfOrder(contact);
                }
            }
            Map<String, Binding> next = new LinkedHashMap<>(current);
            List<Binding> saved = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            if (request.removeAll()) {
                removed.addAll(current.keySet());
                next.clear();
            }
            for (ContactUpdate update : request.contacts()) {
                if (update.expiresSeconds() == 0) {
                    if (next.remove(update.contact()) != null) {
                        removed.add(update.contact());
                    }
                } else {
                    Binding b = new Binding(request.aor(), update.contact(), request.receivedHost(),
                            request.receivedPort(), request.transport(), now.plusSeconds(update.expiresSeconds()),
                            request.callId(), request.cseq(), request.userAgent(), update.q(), now);
                    next.put(update.contact(), b);
                    saved.add(b);
                }
            }
            if (next.size() > maxContactsPerAor && next.size() > current.size()) {
                return new RegisterOutcome.TooManyContacts(maxContactsPerAor);
            }
            if (next.isEmpty()) {
                byAor.remove(request.aor());
            } else {
                byAor.put(request.aor(), sorted(next.values()));
            }
            writeThrough(request.aor(), saved, removed);
            return new RegisterOutcome.Applied(next.isEmpty() ? List.of() : byAor.get(request.aor()), now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops expired bindings from memory and from the store. Called periodically; returns how
     * many bindings left memory.
     */
    public int purgeExpired() {
        Instant now = clock.instant();
        int purged = 0;
        for (String aor : byAor.keySet()) {
            ReentrantLock lock = lockFor(aor);
            lock.lock();
            try {
                List<Binding> list = byAor.get(aor);
                if (list == null) {
                    continue;
                }
                List<Binding> live = list.stream().filter(b -> b.isLive(now)).toList();
                purged += list.size() - live.size();
                if (live.isEmpty()) {
                    byAor.remove(aor);
                } else if (live.size() != list.size()) {
                    byAor.put(aor, live);
                }
            } finally {
                lock.unlock();
            }
        }
        try {
            store.removeExpired(now);
        } catch (RuntimeException e) {
            LOG.warn("could not purge expired bindings from the store: {}", e.toString());
        }
        return purged;
    }

    private void writeThrough(String aor, List<Binding> saved, List<String> removed) {
        try {
            for (String contact : removed) {
                store.remove(aor, contact);
            }
            for (Binding b : saved) {
                store.save(b);
            }
        } catch (RuntimeException e) {
            LOG.warn("bindings of {} kept in memory only; the store failed: {}", aor, e.toString());
        }
    }

    private ReentrantLock lockFor(String aor) {
        return locks[Math.floorMod(aor.hashCode(), STRIPES)];
    }

    private static List<Binding> sorted(java.util.Collection<Binding> bindings) {
        return bindings.stream().sorted(PREFERENCE).toList();
    }
}
