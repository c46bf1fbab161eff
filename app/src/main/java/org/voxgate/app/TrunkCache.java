package org.voxgate.app;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.store.Cidr;
import org.voxgate.store.Trunk;
import org.voxgate.store.TrunkRepository;

/**
 * The trunk table as every INVITE sees it, re-read at most once per {@code ttlMillis} so a
 * burst of calls costs one query, while API changes show within that time. When the store
 * fails, the last good copy is used (and the failure logged).
 *
 * <p>Thread-safe: the snapshot is replaced atomically.
 */
final class TrunkCache {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkCache.class);

    private final TrunkRepository repository;
    private final Clock clock;
    private final long ttlMillis;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Long.MIN_VALUE);

    private record Snapshot(List<TrunkSources.Entry> entries, TrunkSources sources, long loadedAt) {
        Snapshot(List<TrunkSources.Entry> entries, long loadedAt) {
            this(entries, new TrunkSources(entries), loadedAt);
        }
    }

    TrunkCache(TrunkRepository repository, Clock clock, long ttlMillis) {
        this.repository = repository;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** Forgets the copy, so the next read goes to the store (after the API changed a trunk). */
    void invalidate() {
        snapshot = new Snapshot(List.of(), Long.MIN_VALUE);
    }

    /** Every trunk (enabled or not). */
    List<Trunk> all() {
        return current().entries().stream().map(TrunkSources.Entry::trunk).toList();
    }

    Optional<Trunk> find(String name) {
        return current().entries().stream().map(TrunkSources.Entry::trunk).filter(t -> t.name().equals(name)).findFirst();
    }

    /** The enabled trunk with the most specific inbound source containing the address (see {@link TrunkSources}). */
    Optional<Trunk> bySource(java.net.InetAddress address) {
        return current().sources().match(address);
    }

    /** The enabled trunk whose inbound digest user is {@code username}. */
    Optional<Trunk> byInboundUser(String username) {
        return current().entries().stream().map(TrunkSources.Entry::trunk)
                .filter(t -> t.enabled() && username.equals(t.inboundUsername())).findFirst();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s.loadedAt() != Long.MIN_VALUE && now - s.loadedAt() < ttlMillis) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s.loadedAt() != Long.MIN_VALUE && now - s.loadedAt() < ttlMillis) {
                return s;
            }
            try {
                List<TrunkSources.Entry> entries = repository.list().stream()
                        .map(t -> new TrunkSources.Entry(t, parse(t))).toList();
                s = new Snapshot(entries, now);
                snapshot = s;
            } catch (RuntimeException e) {
                LOG.warn("could not read the trunks; using the last copy: {}", e.toString());
            }
            return s;
        }
    }

    private static List<Cidr> parse(Trunk trunk) {
        return trunk.inboundSources().stream().flatMap(text -> {
            try {
                return java.util.stream.Stream.of(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                LOG.warn("trunk {}: ignoring inbound source {}: {}", trunk.name(), text, e.getMessage());
                return java.util.stream.Stream.empty();
            }
        }).toList();
    }
}
