package org.voxgate.bench.pipeline;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Four free UDP ports in a row on loopback, from an even one (an RTP/RTCP pair and a spare). Stateless. */
final class FreePorts {
    private FreePorts() {}

    static int evenPair() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                base = probe.getLocalPort() & ~1;
            }
            if (base >= 1024 && base + 3 <= 65535 && free(base)) {
                return base;
            }
        }
        throw new IOException("no four free UDP ports in a row on loopback");
    }

    private static boolean free(int base) {
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int p = base; p < base + 4; p++) {
                held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p)));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            held.forEach(DatagramSocket::close);
        }
    }
}
