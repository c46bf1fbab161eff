package org.voxgate.sip;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Test trunk directory: everything from a loopback address is the trunk "loopback". */
final class LoopbackTrunk {
    private LoopbackTrunk() {}

    static TrunkDirectory directory() {
        return new TrunkDirectory() {
            @Override
            public Optional<String> trunkForSource(InetAddress source) {
                return source.isLoopbackAddress() ? Optional.of("loopback") : Optional.empty();
            }

            @Override
            public List<TrunkPeer> peers() {
                return List.of();
            }
        };
    }
}
