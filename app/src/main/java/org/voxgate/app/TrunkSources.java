package org.voxgate.app;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.voxgate.store.Cidr;
import org.voxgate.store.Trunk;

/**
 * Which trunk a source address belongs to: of the enabled trunks whose inbound sources contain
 * it, the one with the most specific (longest) prefix, so a carrier's /32 signalling host is
 * told apart from a wider /24 another trunk lists; equal prefixes go to the first trunk in the
 * given order (by name).
 *
 * <p>Immutable and thread-safe.
 */
final class TrunkSources {
    /** A trunk and its parsed inbound sources. */
    record Entry(Trunk trunk, List<Cidr> sources) {}

    private final List<Entry> entries;

    TrunkSources(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The enabled trunk whose longest matching inbound source contains {@code address}. */
    Optional<Trunk> match(InetAddress address) {
        Trunk best = null;
        int bestPrefix = -1;
        for (Entry e : entries) {
            if (!e.trunk().enabled()) {
                continue;
            }
            for (Cidr cidr : e.sources()) {
                if (cidr.prefixLength() > bestPrefix && cidr.contains(address)) {
                    best = e.trunk();
                    bestPrefix = cidr.prefixLength();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
