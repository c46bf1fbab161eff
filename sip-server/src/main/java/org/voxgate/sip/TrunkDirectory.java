package org.voxgate.sip;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * SPI: what the SIP layer needs to know about trunks, implemented by the application on its
 * store. The SIP layer decides nothing from it beyond "which trunk sent this".
 *
 * <p>Threading: called concurrently from SIP worker (virtual) threads and the keep-alive
 * timer; may block briefly (a store lookup; cache it).
 */
public interface TrunkDirectory {
    /** The enabled trunk whose inbound sources (IPs, CIDRs) contain {@code source}, or empty. */
    Optional<String> trunkForSource(InetAddress source);

    /** Every enabled trunk with a peer host: pinged with OPTIONS, and registered when asked. */
    List<TrunkPeer> peers();

    /** No trunks at all. */
    TrunkDirectory NONE = new TrunkDirectory() {
        @Override public Optional<String> trunkForSource(InetAddress source) { return Optional.empty(); }

        @Override public List<TrunkPeer> peers() { return List.of(); }
    };
}
