package org.voxgate.app;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.voxgate.sip.TrunkDirectory;
import org.voxgate.sip.TrunkPeer;
import org.voxgate.store.Trunk;

/**
 * The SIP layer's view of the trunk table: which trunk an address belongs to, and which trunks
 * to ping and register with (enabled ones with a peer host).
 *
 * <p>Thread-safe (reads the thread-safe {@link TrunkCache}).
 */
final class StoreTrunkDirectory implements TrunkDirectory {
    private final TrunkCache trunks;

    StoreTrunkDirectory(TrunkCache trunks) {
        this.trunks = trunks;
    }

    @Override
    public Optional<String> trunkForSource(InetAddress source) {
        return trunks.bySource(source).map(Trunk::name);
    }

    @Override
    public List<TrunkPeer> peers() {
        return trunks.all().stream().filter(t -> t.enabled() && t.peerHost() != null)
                .map(t -> new TrunkPeer(t.name(), t.peerHost(), t.peerPort(), t.transport(), t.outboundUsername(),
                        t.outboundSecret(), t.registerEnabled(), t.registerExpiry(), t.fromDomain()))
                .toList();
    }
}
